/**
 * The dashboards in a real browser, with JavaScript and without: an agent of the metropolis opens
 * them from the back office's navigation, narrows them to this run's own category (created through
 * the API, with a report filed and acknowledged there), reads the figures in the tables under the
 * charts, and downloads a table's CSV through its link (same session, same rows). A Colomiers agent
 * sees their commune only and gets the 403 page in words on another commune's CSV. Every page
 * passes axe-core (harness.ts) and requests nothing from another host.
 */
import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { parseCsv } from '../../shared/portfolio/csv';
import { eventually } from '../support/eventually';
import { baseUrl, fetchJson, getToken } from '../support/http';
import { describeInBrowser, JS_MODES, quickSignIn, useBrowser } from './harness';

jest.setTimeout(180_000);

const SIREN = '243100518';
const T = `/territories/${SIREN}`;
const run = randomUUID().slice(0, 8);
const CODE = `bo-tdb-${run}`;
const NAME = `Abribus ${run}`;
const TOULOUSE = { lat: 43.596, lon: 1.4321 };
const METROPOLITAN = { role: 'agent', territory: SIREN } as const;

let admin: string;

const category = (active = true) => ({
  name: NAME,
  competence: { level: 'territory', service: 'voirie' },
  slaHours: 40,
  active,
});

beforeAll(async () => {
  let agent: string;
  [admin, agent] = await Promise.all([getToken({ role: 'admin', territory: SIREN }), getToken(METROPOLITAN)]);
  expect((await fetchJson(`${T}/categories/${CODE}`, { method: 'PUT', token: admin, json: category() })).status).toBe(
    200,
  );
  const filed = await fetchJson<{ id: string; version: number }>(`${T}/reports`, {
    json: {
      category: CODE,
      location: TOULOUSE,
      description: `Vitre d'abribus brisée ${run}`,
      contact: { email: `tableaux-${run}@example.fr` },
    },
  });
  expect(filed.status).toBe(201);
  const moved = await fetchJson(`${T}/reports/${filed.body.id}/transitions`, {
    json: { to: 'acknowledged', version: filed.body.version },
    token: agent,
  });
  expect(moved.status).toBe(200);
  // The counters follow through the queue: wait until they show it.
  await eventually(
    () => fetchJson<string>(`${T}/statistics/sla-par-categorie?category=${CODE}`, { token: agent }),
    (r) => {
      const [header, row] = parseCsv(r.body);
      return row?.[header!.indexOf('pris_en_compte')] === '1';
    },
  );
});

afterAll(async () => {
  await fetchJson(`${T}/categories/${CODE}`, { method: 'PUT', token: admin, json: category(false) });
});

/** French figures use narrow no-break spaces: compare with plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ').trim();

describeInBrowser('the dashboards in a browser', () => {
  const browser = useBrowser();

  describe.each(JS_MODES)('%s', (mode, javaScript) => {
    it('an agent opens the dashboards, narrows them to a category, reads the tables and downloads a CSV', async () => {
      const page = await browser.newPage({ javaScript });
      await quickSignIn(page, METROPOLITAN);
      await page.goto(`${baseUrl()}/agents`);
      await page.getByRole('link', { name: 'Tableaux de bord' }).first().click();
      await page.waitForURL((url) => url.pathname === '/agents/tableaux-de-bord');
      await browser.check(page, `tableaux-de-bord-${mode}`);
      for (const caption of ['Délais de traitement par mois', 'Alertes ouvertes par semaine et par gravité']) {
        await expect(page.getByRole('table', { name: caption }).isVisible()).resolves.toBe(true);
      }
      await expect(page.locator('#tableau-delais tbody tr').count()).resolves.toBe(12);

      await page.getByLabel('Catégorie', { exact: true }).selectOption({ label: NAME });
      await page.getByRole('button', { name: 'Afficher' }).click();
      await page.waitForURL(new RegExp(`categorie=${CODE}`));
      await browser.check(page, `tableaux-de-bord-categorie-${mode}`);
      const row = page.locator('#tableau-categories tbody tr');
      await expect(row.count()).resolves.toBe(1);
      await expect(row.locator('th').innerText().then(plain)).resolves.toBe(NAME);
      // Filed, acknowledged, resolved: 1, 1, 0.
      await expect(
        row
          .locator('td')
          .allInnerTexts()
          .then((cells) => cells.slice(0, 3).map(plain)),
      ).resolves.toEqual(['1', '1', '0']);
      // The chart's table is one link away.
      await expect(page.locator('#graphique-categories-titre').isVisible()).resolves.toBe(true);

      // The CSV link: the same rows, behind the same session.
      const link = page.getByRole('link', { name: 'Télécharger les chiffres par catégorie (CSV)' });
      const href = await link.getAttribute('href');
      expect(href).toContain(`categorie=${CODE}`);
      const csv = await page.request.get(`${baseUrl()}${href}`);
      expect(csv.status()).toBe(200);
      expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers()['content-disposition']).toMatch(/^attachment; filename="sla-par-categorie-/);
      const [header, ...rows] = parseCsv(await csv.text());
      expect(rows).toHaveLength(1);
      const record = Object.fromEntries(header!.map((name, i) => [name, rows[0]![i]]));
      expect(record).toMatchObject({ categorie: CODE, nom: NAME, deposes: '1', pris_en_compte: '1', resolus: '0' });
    });
  });

  it("a Colomiers agent sees their commune only, and gets the 403 page on another commune's CSV", async () => {
    const page = await browser.newPage({ javaScript: false });
    await quickSignIn(page, { role: 'agent', territory: SIREN, commune: '31149' });
    await browser.visit(page, '/agents/tableaux-de-bord', 'tableaux-de-bord-commune');
    await expect(
      page.getByText('Vous voyez les chiffres de votre commune, Colomiers, seulement.').count(),
    ).resolves.toBe(1);
    await expect(page.getByLabel('Commune', { exact: true }).count()).resolves.toBe(0);

    // A month typed wrong comes back next to its field, with the summary on top.
    await page.getByLabel(/^Du mois/).fill('mars 2026');
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.waitForURL(/du=mars/);
    await browser.check(page, 'tableaux-de-bord-erreur');
    await expect(page.locator('#champ-du-erreur').innerText()).resolves.toMatch(/AAAA-MM/);
    await expect(page.getByRole('alert').getByRole('link').count()).resolves.toBe(1);
    await expect(page.getByLabel(/^Du mois/).getAttribute('aria-invalid')).resolves.toBe('true');
    const refused = await page.goto(`${baseUrl()}/agents/tableaux-de-bord/sla-par-mois?commune=31555`);
    expect(refused?.status()).toBe(403);
    await expect(page.locator('h1').innerText()).resolves.toMatch(/\S/);
  });
});
