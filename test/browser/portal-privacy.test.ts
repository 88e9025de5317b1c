/**
 * "Mes données" in a real browser: a citizen files a report with their e-mail, downloads their data
 * (the JSON holds it), is refused an erasure without ticking the box (the error next to it), asks
 * with it ticked, and the page says the request is done once the consumer has run; the download
 * then holds nothing of theirs. axe-core on every state of the page, with and without JavaScript.
 */
import type { Page } from 'playwright-core';
import { jest } from '@jest/globals';
import { baseUrl, fetchJson, getToken } from '../support/http';
import { describeInBrowser, JS_MODES, quickSignIn, useBrowser } from './harness';

jest.setTimeout(120_000);

const download = async (page: Page) => {
  const response = await page.context().request.get(`${baseUrl()}/mes-donnees/export`);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="donnees-personnelles-/);
  return (await response.json()) as { reports: unknown[] };
};

describeInBrowser('"Mes données": download and erasure', () => {
  const browser = useBrowser();

  describe.each(JS_MODES)('%s', (mode, javaScript) => {
    it('downloads, refuses an unconfirmed erasure, then erases', async () => {
      const sub = `mes-donnees-${javaScript ? 'js' : 'sans-js'}-${Date.now()}`;
      const email = `${sub}@example.fr`;
      // A report of theirs, filed through the API as the same person (same issuer and subject).
      const token = await getToken({ role: 'citizen', sub });
      const filed = await fetchJson<{ id: string }>('/territories/243100518/reports', {
        token,
        json: {
          category: 'espaces-verts',
          location: { lat: 43.6045, lon: 1.4442 },
          description: `Lampadaire éteint (${sub})`,
          contact: { email },
        },
      });
      expect(filed.status).toBe(201);
      const page = await browser.newPage({ javaScript });
      await quickSignIn(page, { role: 'citizen', sub, email });

      await browser.visit(page, '/mes-donnees', `mes-donnees-${mode}`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Mes données personnelles');
      const before = await download(page);
      expect(JSON.stringify(before)).toContain(email);

      await page.getByRole('button', { name: 'Effacer mes données' }).click();
      await page.getByText('Cochez la case pour confirmer votre demande.').first().waitFor();
      await browser.check(page, `mes-donnees-refus-${mode}`);

      await page.getByLabel('Je demande l’effacement de mes données personnelles').check();
      await page.getByRole('button', { name: 'Effacer mes données' }).click();
      await page.waitForURL(/\/mes-donnees\?avis=effacement$/);
      await page.getByText('Votre demande d’effacement est enregistrée.').waitFor();
      await browser.check(page, `mes-donnees-demande-${mode}`);

      for (let i = 0; i < 50; i++) {
        await page.goto(`${baseUrl()}/mes-donnees`);
        if ((await page.getByText(/^Faite le /).count()) > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      await expect(page.getByText(/^Faite le /).count()).resolves.toBe(1);
      const after = await download(page);
      expect(after.reports).toEqual([]);
      expect(JSON.stringify(after)).not.toContain(email);
    });
  });
});
