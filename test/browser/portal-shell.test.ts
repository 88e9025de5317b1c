/**
 * The portal's shell in a real browser, with JavaScript and without: the home page, the static
 * pages, sign-in and sign-out through the development identity provider, the keyboard path of the
 * home page. Every page visited passes axe-core and requests nothing from another host
 * (harness.ts); screenshots go to .local/screenshots/.
 */
import type { Page } from 'playwright-core';
import { baseUrl } from '../support/http';
import { jest } from '@jest/globals';
import { describeInBrowser, JS_MODES, signIn, useBrowser } from './harness';

jest.setTimeout(90_000);

const sessionCookie = async (page: Page) =>
  (await page.context().cookies(baseUrl())).find((cookie) => cookie.name === 'vo_session');

describeInBrowser('the portal shell in a browser', () => {
  const browser = useBrowser();

  describe.each(JS_MODES)('%s', (mode, javaScript) => {
    const suffix = javaScript ? 'js' : 'sans-js';

    it('shows the home page: the territory, "Signaler un problème", recent reports, consultations', async () => {
      const page = await browser.newPage({ javaScript });

      const response = await browser.visit(page, '/', 'accueil');

      expect(response.status()).toBe(200);
      await expect(page.locator('h1').textContent()).resolves.toContain('Toulouse Métropole');
      await expect(page.getByRole('link', { name: 'Signaler un problème' }).first().isVisible()).resolves.toBe(true);
      await expect(page.getByRole('heading', { name: /^Signalements récents à / }).count()).resolves.toBe(1);
      await expect(page.getByRole('heading', { name: 'Consultations ouvertes' }).count()).resolves.toBe(1);
      if (javaScript) {
        // Leaflet draws the commune and its reports as SVG from the API: no tiles, no WebGL.
        await page.locator('.map--drawn path.leaflet-interactive').first().waitFor();
        await browser.check(page, 'accueil-carte');
      } else {
        // No empty map box without JavaScript: the recent reports are the list beside it.
        await expect(page.locator('.map-figure').isVisible()).resolves.toBe(false);
        await expect(page.getByRole('link', { name: 'Les signalements récents en liste' }).count()).resolves.toBe(0);
      }
    });

    it('picks a commune with the GET form and shows its recent reports', async () => {
      const page = await browser.newPage({ javaScript });
      await browser.visit(page, '/', 'accueil');

      await page.getByLabel('Choisir une commune').selectOption({ label: 'Blagnac' });
      await page.getByRole('button', { name: 'Afficher' }).click();
      await page.waitForURL(/\?commune=31069/);

      await browser.check(page, `accueil-commune-${suffix}`);
      await expect(page.getByRole('heading', { name: 'Signalements récents à Blagnac' }).count()).resolves.toBe(1);
    });

    it('signs in with the development provider, back where the visitor was, then signs out', async () => {
      const page = await browser.newPage({ javaScript });
      await browser.visit(page, '/mentions-legales', `mentions-legales-${suffix}`);
      await page.getByRole('link', { name: 'Se connecter' }).click();
      await page.waitForURL(/\/connexion\?retour=%2Fmentions-legales/);

      await page.getByRole('link', { name: /^Se connecter avec/ }).click();
      await page.waitForURL(/\/_local\/oidc\/authorize/);
      await browser.check(page, `fournisseur-${suffix}`);
      await page.locator('#role-citizen').check();
      await page.locator('#email').fill('anne@example.fr');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL((url) => url.pathname === '/mentions-legales');

      await browser.check(page, `connecte-${suffix}`);
      await expect(page.locator('.account-who').textContent()).resolves.toBe('Connecté : anne@example.fr (habitant)');
      const cookie = await sessionCookie(page);
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });

      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await page.waitForURL((url) => url.pathname === '/');

      await browser.check(page, `deconnecte-${suffix}`);
      await expect(page.getByRole('link', { name: 'Se connecter' }).count()).resolves.toBe(1);
      expect(await sessionCookie(page)).toBeUndefined();
    });
  });

  it.each([
    ['/accessibilite', "Déclaration d'accessibilité"],
    ['/mentions-legales', 'Mentions légales'],
    ['/donnees-personnelles', 'Données personnelles'],
  ])('shows %s (a page of text: its script adds nothing to it)', async (path, title) => {
    const page = await browser.newPage({ javaScript: false });

    const response = await browser.visit(page, path, path.slice(1));

    expect(response.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe(title);
    await expect(page.title()).resolves.toBe(`${title} — Ville Ouverte`);
  });

  it('reads well at 320 px: nothing overflows sideways', async () => {
    const page = await browser.newPage({ javaScript: true, width: 320 });
    for (const [path, name] of [
      ['/', 'accueil-320'],
      ['/donnees-personnelles', 'donnees-personnelles-320'],
      ['/connexion', 'connexion-320'],
    ] as const) {
      await browser.visit(page, path, name);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
    }
  });

  it('is usable with the keyboard alone: the skip link first, then the content, with a visible focus', async () => {
    const page = await browser.newPage({ javaScript: true });
    await browser.visit(page, '/', 'accueil-clavier');

    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => ({
      text: document.activeElement?.textContent,
      visible: (document.activeElement as HTMLElement).getBoundingClientRect().top >= 0,
    }));
    expect(first).toEqual({ text: 'Aller au contenu', visible: true });
    await page.screenshot({ path: '.local/screenshots/accueil-lien-evitement.png' });

    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('contenu');

    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement;
      const style = getComputedStyle(element);
      return { text: element.textContent, outline: style.outlineStyle, halo: style.boxShadow !== 'none' };
    });
    expect(next).toEqual({ text: 'Signaler un problème', outline: 'solid', halo: true });

    // Onwards through the commune picker: select, then its button, reached in order.
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('commune');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Afficher');
  });

  it('signs in through the shared helper (as the other page suites do)', async () => {
    const page = await browser.newPage({ javaScript: false });
    await signIn(browser, page, { role: 'citizen', email: 'helper@example.fr' }, 'connexion-aide');
    await expect(page.locator('.account-who').textContent()).resolves.toContain('helper@example.fr');
  });
});
