/**
 * The portfolio's pages in a real browser, with JavaScript and without: a visitor browses the
 * portfolio, filters it by domain, opens a project and reads its figures (progress, the budget's
 * chart and table, a KPI's trend and its table, the partner in experimentation) and what is late;
 * an agent changes a project's progress and sees its parent roll up; a citizen sees no edit link
 * and gets a 403 page in words on the edit URL. The data is created through the API first. Every
 * page passes axe-core, requests nothing from another host, and is screenshot.
 */
import { jest } from '@jest/globals';
import { createPortfolioPageData, projectOf, SIREN, type PortfolioPageData } from '../support/portal-portfolio-data';
import { describeInBrowser, signIn, useBrowser } from './harness';

jest.setTimeout(180_000);

let data: PortfolioPageData;

beforeAll(async () => {
  data = await createPortfolioPageData('navigateur');
}, 60_000);

const modes = [
  ['without JavaScript', false],
  ['with JavaScript', true],
] as const;

/** French figures use narrow no-break spaces: compare with plain ones. */
const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

describeInBrowser('the portfolio pages in a browser', () => {
  const browser = useBrowser();

  describe.each(modes)('%s', (_mode, javaScript) => {
    it('a visitor browses the portfolio, filters it by domain and opens a project with its figures', async () => {
      const page = await browser.newPage({ javaScript });
      await browser.visit(page, '/', 'accueil-portefeuille');
      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Projets' }).click();
      await page.waitForURL((url) => url.pathname === '/portefeuille');
      await browser.check(page, 'portefeuille');

      await page.getByLabel('Domaine').selectOption({ label: 'Silver économie' });
      await page.getByRole('button', { name: 'Filtrer' }).click();
      await page.waitForURL(/domaine=silver-economy/);
      await browser.check(page, 'portefeuille-silver-economie');
      const domains = await page.locator('#tableau-projets tbody td:nth-child(2)').allTextContents();
      expect(domains.length).toBeGreaterThan(0);
      expect(new Set(domains)).toEqual(new Set(['Silver économie']));

      await page.getByRole('link', { name: data.seniors.title }).click();
      await page.waitForURL((url) => url.pathname === `/portefeuille/projets/${data.seniors.id}`);
      await browser.check(page, 'projet');
      await expect(page.locator('h1').textContent()).resolves.toBe(data.seniors.title);
      await expect(page.locator('#avancement-valeur').textContent().then(plain)).resolves.toBe('40 %');
      await expect(page.locator('#graphique-budget-titre').isVisible()).resolves.toBe(true);
      await expect(
        page
          .locator('#tableau-budget tbody tr')
          .last()
          .locator('td')
          .allTextContents()
          .then((cells) => cells.map(plain)),
      ).resolves.toEqual(['Total', '1 000 000,50 €', '400 000,00 €', '250 000,25 €', '25 %']);
      await expect(
        page
          .locator('#tableau-indicateur-1 tbody td')
          .allTextContents()
          .then((cells) => cells.map(plain)),
      ).resolves.toEqual(['120', '260']);
      await expect(page.getByText('SeniorTech SAS').isVisible()).resolves.toBe(true);
      // The chart's table is one link away.
      await page.getByRole('link', { name: 'Les montants du graphique dans le tableau' }).click();
      await expect(page.locator('#tableau-budget').isVisible()).resolves.toBe(true);
      // An anonymous visitor sees no edit link.
      await expect(page.getByRole('link', { name: 'Modifier le projet' }).count()).resolves.toBe(0);

      await browser.visit(page, '/portefeuille/en-retard', 'portefeuille-retards');
      const late = page.locator('#tableau-retards tbody tr', { hasText: `Tablettes distribuées ${data.run}` });
      await expect(late.getByRole('link', { name: data.seniors.title }).count()).resolves.toBe(1);
    });

    it("an agent changes a project's progress and sees its parent roll up", async () => {
      const page = await browser.newPage({ javaScript });
      await signIn(browser, page, { role: 'agent', territory: SIREN }, 'connexion-agent');
      await browser.visit(page, `/portefeuille/projets/${data.sensors.id}`, 'projet-agent');
      await page.getByRole('link', { name: 'Modifier le projet' }).click();
      await page.waitForURL(/\/modifier$/);
      await browser.check(page, 'projet-modifier');

      // A wrong value first: the message is next to the field.
      await page.getByLabel('Avancement (%)').fill('120');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.locator('#champ-progress-erreur').waitFor();
      await browser.check(page, 'projet-modifier-erreur');
      await expect(page.title()).resolves.toMatch(/^Erreur :/);
      await expect(page.locator('#champ-progress').getAttribute('aria-invalid')).resolves.toBe('true');

      const progress = javaScript ? 90 : 60;
      await page.getByLabel('Avancement (%)').fill(String(progress));
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.waitForURL((url) => url.pathname === `/portefeuille/projets/${data.sensors.id}`);
      await browser.check(page, 'projet-enregistre');
      await expect(page.getByText('Le projet est enregistré.').isVisible()).resolves.toBe(true);
      await expect(page.locator('#avancement-valeur').textContent().then(plain)).resolves.toBe(`${progress} %`);

      // The parent: 0.25 × 40 + 0.75 × progress.
      const expected = 0.25 * 40 + 0.75 * progress;
      await page.getByRole('link', { name: data.axis.title }).first().click();
      await page.waitForURL((url) => url.pathname === `/portefeuille/projets/${data.axis.id}`);
      await browser.check(page, 'axe-apres');
      await expect(page.locator('#avancement-valeur').textContent().then(plain)).resolves.toBe(
        `${String(expected).replace('.', ',')} %`,
      );
      expect((await projectOf(data.axis.id)).progress).toBe(expected);
    });

    it('a citizen sees no edit link, and the edit URL answers a 403 page in words', async () => {
      const page = await browser.newPage({ javaScript });
      await signIn(browser, page, { role: 'citizen' }, 'connexion-habitant');
      await browser.visit(page, `/portefeuille/projets/${data.seniors.id}`, 'projet-habitant');
      await expect(page.getByRole('link', { name: 'Modifier le projet' }).count()).resolves.toBe(0);
      await expect(page.getByRole('button', { name: /Marquer atteint/ }).count()).resolves.toBe(0);
      // The 403 is the answer expected: the browser's console line about it is not a fault of the page.
      page.removeAllListeners('console');
      const answer = await browser.visit(page, `/portefeuille/projets/${data.seniors.id}/modifier`, 'projet-403');
      expect(answer.status()).toBe(403);
      await expect(page.locator('main').textContent()).resolves.toMatch(/autoris|droit|accès/i);
      await expect(page.locator('h1').textContent()).resolves.toBeTruthy();
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');
    });
  });

  it('weighs at most 60 KB, everything counted (a project page has no map)', async () => {
    const page = await browser.newPage({ javaScript: true });
    const sizes: Promise<number>[] = [];
    page.on('response', (response) =>
      sizes.push(
        response.body().then(
          (body) => body.length,
          () => 0,
        ),
      ),
    );
    await browser.visit(page, `/portefeuille/projets/${data.seniors.id}`, 'projet-poids');
    await page.waitForLoadState('networkidle');
    const total = (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(60 * 1024);
  });

  it('reads well at 320 px: nothing overflows sideways', async () => {
    const page = await browser.newPage({ javaScript: true, width: 320 });
    for (const [path, name] of [
      ['/portefeuille', 'portefeuille-320'],
      [`/portefeuille/projets/${data.seniors.id}`, 'projet-320'],
    ] as const) {
      await browser.visit(page, path, name);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
    }
  });
});
