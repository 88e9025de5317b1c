/**
 * The browser harness of the portal's tests: Debian's Chromium (/usr/bin/chromium) driven by
 * playwright-core against the local runtime the test run started (E2E_BASE_URL). It
 * - aborts every request that would leave this machine, and fails the test that attempted one;
 * - runs axe-core (WCAG 2.0/2.1, A and AA) on every page visited, which must find nothing;
 * - fails a page that logs an error (a script error, a CSP refusal, a resource that failed to load);
 * - saves a screenshot of each page under .local/screenshots/ (not committed) when BROWSER_SCREENSHOTS=1
 *   (off by default: a full-page screenshot costs as much as a page load, and only a reviewer looks);
 * - opens pages with or without JavaScript.
 * No browser is downloaded: without /usr/bin/chromium the browser suites skip themselves, saying
 * why (.ci/run installs it with apt).
 *
 * Use:
 *   const browser = useBrowser();                  // in a describeInBrowser(...) block
 *   const page = await browser.newPage({ javaScript: false });
 *   await browser.visit(page, '/', 'accueil');     // goto + axe + screenshot; returns the response
 */
import { AxeBuilder } from '@axe-core/playwright';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Response } from 'playwright-core';
import { projectRoot } from '../../infra/project-root';
import { baseUrl } from '../support/http';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS_DIR = join(projectRoot, '.local/screenshots');
const TAKE_SCREENSHOTS = process.env.BROWSER_SCREENSHOTS === '1';

/** The flags that keep Chromium offline and quiet (Playwright adds --headless and a fresh profile dir). */
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The accessibility bar: axe-core's rules for these WCAG levels find no violation. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export const browserAvailable = (): boolean => existsSync(CHROMIUM);

/**
 * `describe` when Chromium is installed; otherwise a skipped block that says why (so a run without
 * the browser is not mistaken for a pass of these tests).
 */
export const describeInBrowser = (name: string, body: () => void): void => {
  if (browserAvailable()) {
    describe(name, body);
    return;
  }
  describe(name, () => {
    it.skip(`needs Chromium at ${CHROMIUM} (apt-get install -y --no-install-recommends chromium; .ci/run does it)`, () => {});
  });
};

export interface PageOptions {
  /** @default true */
  readonly javaScript?: boolean;
  /** Viewport width in CSS pixels. @default 1280 */
  readonly width?: number;
}

export interface BrowserHarness {
  /** A page in a fresh context (no cookies), every non-loopback request aborted and recorded. */
  newPage(options?: PageOptions): Promise<Page>;
  /**
   * Opens `path` (on E2E_BASE_URL), checks it with axe-core and takes its screenshot (`name`).
   * Returns the navigation's response.
   */
  visit(page: Page, path: string, name: string): Promise<Response>;
  /** Checks the page as it is now (after a click, a form sent) with axe-core, and screenshots it. */
  check(page: Page, name: string): Promise<void>;
  /** Requests that tried to leave this machine, by the pages of this file so far. */
  readonly blockedRequests: readonly string[];
}

const screenshotName = (name: string, javaScript: boolean) =>
  `${name.replace(/[^\w.-]+/g, '-')}${javaScript ? '' : '.sans-js'}.png`;

/** Accessibility violations as readable lines: rule, impact, what and where. */
const describeViolations = (violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']): string[] =>
  violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${node.target.join(' ')} ${node.failureSummary ?? ''}`,
    ),
  );

/**
 * Starts one Chromium for the test file (beforeAll) and closes it (afterAll). Each test checks that
 * no page of it tried to reach another host.
 */
export const useBrowser = (): BrowserHarness => {
  let browser: Browser | undefined;
  const contexts = new Map<Page, { context: BrowserContext; javaScript: boolean; errors: string[] }>();
  const blocked: string[] = [];
  /** The page axe checks the documents of pages opened without JavaScript in (see axeWithoutScripts). */
  let twin: { page: Page; url: string; html: string } | undefined;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  let blockedBefore = 0;
  beforeEach(() => {
    blockedBefore = blocked.length;
  });
  afterEach(() => {
    // A request to another host fails the test that made it.
    expect(blocked.slice(blockedBefore)).toEqual([]);
  });

  const check = async (page: Page, name: string) => {
    const state = contexts.get(page);
    const javaScript = state?.javaScript ?? true;
    if (TAKE_SCREENSHOTS) {
      await page.screenshot({ path: join(SCREENSHOTS_DIR, screenshotName(name, javaScript)), fullPage: true });
    }
    const results = javaScript ? await axe(page) : await axeWithoutScripts(page);
    // Errors the page logged so far (script errors, CSP refusals, failed loads): none allowed.
    const errors = state?.errors.splice(0) ?? [];
    expect({ page: name, errors, violations: describeViolations(results.violations) }).toEqual({
      page: name,
      errors: [],
      violations: [],
    });
  };

  // Violations only: the passes and incomplete results, which nothing reads, cost axe as much again.
  const axe = (page: Page) =>
    // options() replaces the options object: before withTags(), which adds the tags to it.
    new AxeBuilder({ page })
      .options({ resultTypes: ['violations'] })
      .withTags(AXE_TAGS)
      .analyze();

  /**
   * axe-core is a script: on a page opened without JavaScript it cannot run. The same document (as
   * that page shows it, its scripts removed) is served again at the same URL, so its styles load,
   * to a page where axe can run.
   */
  const axeWithoutScripts = async (page: Page) => {
    const url = page.url();
    const html = (await page.content()).replace(/<script\b[^>]*>[^]*?<\/script>/gi, '');
    // One twin page for the file: a browser context per check would cost as much as the check.
    twin ??= await openTwin();
    Object.assign(twin, { url, html });
    await twin.page.setViewportSize(page.viewportSize() ?? { width: 1280, height: 900 });
    await twin.page.goto(url, { waitUntil: 'load' });
    return axe(twin.page);
  };

  const openTwin = async () => {
    const context = await browser!.newContext();
    const opened = { page: await context.newPage(), url: '', html: '' };
    await context.route('**/*', (route) => {
      const requested = route.request().url();
      if (requested === opened.url)
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: opened.html });
      return LOOPBACK_HOSTS.has(new URL(requested).hostname) ? route.continue() : route.abort('blockedbyclient');
    });
    return opened;
  };

  return {
    get blockedRequests() {
      return blocked;
    },
    async newPage({ javaScript = true, width = 1280 } = {}) {
      if (!browser) throw new Error('useBrowser(): the browser is not started (call newPage inside a test)');
      const context = await browser.newContext({
        javaScriptEnabled: javaScript,
        viewport: { width, height: 900 },
        locale: 'fr-FR',
        timezoneId: 'Europe/Paris',
      });
      await context.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (LOOPBACK_HOSTS.has(url.hostname)) return route.continue();
        blocked.push(route.request().url());
        return route.abort('blockedbyclient');
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        // A refused form is the page itself answered 400 or 422 (declared, by design): not an error of the page.
        const refusedForm =
          /^Failed to load resource: the server responded with a status of (400|422)\b/.test(message.text()) &&
          message.location().url === page.url();
        if (!refusedForm) errors.push(`${message.text()} (${message.location().url})`);
      });
      page.on('pageerror', (error) => errors.push(error.message));
      contexts.set(page, { context, javaScript, errors });
      return page;
    },
    async visit(page, path, name) {
      const response = await page.goto(`${baseUrl()}${path}`, { waitUntil: 'load' });
      if (!response) throw new Error(`No response for ${path}`);
      await check(page, name);
      return response;
    },
    check,
  };
};

/** Who to be at the development issuer's sign-in form. */
export interface DevIdentity {
  readonly role?: 'citizen' | 'agent' | 'admin';
  /** The subject; by default the provider derives it from the e-mail. */
  readonly sub?: string;
  readonly email?: string;
  readonly territory?: string;
  readonly commune?: string;
  readonly birthdate?: string;
  readonly postalCode?: string;
  readonly residenceInsee?: string;
}

/** The development provider's form filled in for `identity` and sent; resolves back on the portal. */
const signInAtProvider = async (page: Page, identity: DevIdentity, checkForm?: () => Promise<void>) => {
  await page
    .getByRole('link', { name: /^Se connecter avec/ })
    .first()
    .click();
  await page.waitForURL(/\/_local\/oidc\/authorize/);
  await checkForm?.();
  await page.locator(`#role-${identity.role ?? 'citizen'}`).check();
  const fields: (keyof DevIdentity)[] = [
    'sub',
    'territory',
    'commune',
    'email',
    'birthdate',
    'postalCode',
    'residenceInsee',
  ];
  for (const field of fields) {
    const value = identity[field];
    if (value !== undefined) await page.locator(`#${field}`).fill(value);
  }
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/_local/') && !url.pathname.startsWith('/connexion'));
};

/**
 * Signs in through the portal as a visitor would: "Se connecter", the development provider, its
 * form (checked with axe too), back on the portal. Works with and without JavaScript.
 */
export const signIn = async (browser: BrowserHarness, page: Page, identity: DevIdentity, name = 'connexion') => {
  await browser.visit(page, '/connexion', name);
  await signInAtProvider(page, identity, async () => {
    await browser.check(page, `${name}-fournisseur`);
    await page
      .getByLabel(/\(citizen\)|\(agent\)|\(admin\)/)
      .first()
      .waitFor();
  });
};

/** The same without checking the sign-in pages again (each suite's first sign-in checks them). */
export const quickSignIn = async (page: Page, identity: DevIdentity) => {
  await page.goto(`${baseUrl()}/connexion`);
  await signInAtProvider(page, identity);
};

/** Each browser journey runs twice: without JavaScript, then with it. */
export const JS_MODES = [
  ['without JavaScript', false],
  ['with JavaScript', true],
] as const;

/** Every dialog a page opens (none may: a hostile text must stay text; a script that ran would open one). */
export const dialogsOf = (page: Page): string[] => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
};
