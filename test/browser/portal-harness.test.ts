/**
 * The browser harness is not vacuous: axe-core does find a violation, and a request to another
 * host is caught. (The pages served here are made up; nothing leaves this machine.)
 */
import { jest } from '@jest/globals';
import { baseUrl } from '../support/http';
import { describeInBrowser, useBrowser } from './harness';

jest.setTimeout(60_000);

const BROKEN_PAGE = `<!doctype html><html lang="fr"><head><title>Cassée</title></head><body><main>
  <h1>Une page cassée exprès</h1><img src="/assets/absent.png"><input type="text">
  <img src="https://tiles.example.org/0/0/0.png" alt="tuile">
</main></body></html>`;

describeInBrowser('the browser harness', () => {
  const browser = useBrowser();

  it('sees what axe-core finds, and the requests that would leave this machine', async () => {
    const page = await browser.newPage({ javaScript: true });
    await page.route(`${baseUrl()}/page-cassee`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: BROKEN_PAGE }),
    );
    const blockedBefore = browser.blockedRequests.length;

    await page.goto(`${baseUrl()}/page-cassee`, { waitUntil: 'load' });
    const failure = await browser.check(page, 'harnais-page-cassee').then(
      () => undefined,
      (error: Error) => error.message,
    );

    expect(failure).toMatch(/image-alt/);
    expect(failure).toMatch(/label/);
    expect(browser.blockedRequests.slice(blockedBefore)).toEqual(['https://tiles.example.org/0/0/0.png']);
    // What this test provoked on purpose is not held against it.
    (browser.blockedRequests as string[]).splice(blockedBefore);
  });
});
