/**
 * The territory administration in a real browser: an admin gives one commune an exception to the
 * competence table for a category, the next report filed there goes to that commune (and one
 * filed elsewhere still to the metropolis), and the change is in the audit log page; a refused
 * exception says why next to the field; a commune agent gets the 403 page in words. The category
 * is this run's own (created through the API, withdrawn at the end), so other suites' data and
 * routing stay as they are. Every page passes axe-core and requests nothing from another host.
 */
import { jest } from '@jest/globals';
import { createHash, randomUUID } from 'node:crypto';
import { eventually } from '../support/eventually';
import { fetchJson, getToken } from '../support/http';
import { describeInBrowser, signIn, useBrowser } from './harness';

jest.setTimeout(180_000);

const SIREN = '243100518';
const T = `/territories/${SIREN}`;
const run = randomUUID().slice(0, 8);
const CODE = `bo-territoire-${run}`;
const NAME = `Bancs publics ${run}`;
const OTHER_CODE = `bo-fontaines-${run}`;
const SERVICE = `fontainerie-${run}`;
const ADMIN_EMAIL = `admin-territoire-${run}@example.fr`;
/** The subject the development issuer gives an identity with this e-mail (infra/local/oidc-issuer.ts). */
const ADMIN_SUB = `demo-admin-${createHash('sha256').update(ADMIN_EMAIL).digest('hex').slice(0, 12)}`;
/** Points well inside the demo's (approximate) communes: their centroids. */
const COLOMIERS = { lat: 43.6116, lon: 1.3269 };
const TOULOUSE = { lat: 43.596, lon: 1.4321 };

let admin: string;

const category = (active = true) => ({
  name: NAME,
  competence: { level: 'territory', service: 'mobilier-urbain' },
  slaHours: 40,
  active,
});

const file = async (location: { lat: number; lon: number }) => {
  const filed = await fetchJson<{ bodyId: string; service?: string; commune: { insee: string } | string }>(
    `${T}/reports`,
    {
      json: {
        category: CODE,
        location,
        description: `Banc cassé ${run}`,
        contact: { email: `habitant-${run}@example.fr` },
      },
    },
  );
  expect(filed.status).toBe(201);
  return filed.body;
};

beforeAll(async () => {
  admin = await getToken({ role: 'admin', territory: SIREN });
  const saved = await fetchJson(`${T}/categories/${CODE}`, { method: 'PUT', token: admin, json: category() });
  expect(saved.status).toBe(200);
});

afterAll(async () => {
  // Withdrawn: the run's category is offered to no one afterwards.
  await fetchJson(`${T}/categories/${CODE}`, { method: 'PUT', token: admin, json: category(false) });
  await fetchJson(`${T}/categories/${OTHER_CODE}`, {
    method: 'PUT',
    token: admin,
    json: { name: `Fontaines ${run}`, competence: { level: 'territory' }, active: false },
  });
});

describeInBrowser('the territory administration in a browser', () => {
  const browser = useBrowser();

  it('an admin hands one commune a category, the next report there goes to it, and the audit log says so', async () => {
    const page = await browser.newPage({ javaScript: false });
    await signIn(browser, page, { role: 'admin', territory: SIREN, email: ADMIN_EMAIL }, 'connexion-admin');

    await browser.visit(page, '/agents/territoire/competences', 'territoire-competences');
    await page.getByRole('link', { name: NAME }).click();
    await page.waitForURL((url) => url.pathname === `/agents/territoire/competences/${CODE}`);
    await browser.check(page, 'territoire-competence');
    const colomiersRow = page.locator('#tableau-communes tbody tr', { hasText: 'Colomiers' });
    await expect(colomiersRow.locator('td').first().textContent()).resolves.toBe('Toulouse Métropole');

    await page.getByRole('link', { name: 'Définir une exception pour Colomiers' }).click();
    await page.waitForURL(/commune=31149/);
    await browser.check(page, 'territoire-exception');
    await page.getByLabel('La commune', { exact: true }).check();
    await page.getByLabel('Service chargé').selectOption('espaces-verts');
    await page.getByRole('button', { name: "Enregistrer l'exception" }).click();
    await page.waitForURL(/avis=enregistree/);
    await browser.check(page, 'territoire-exception-enregistree');
    await expect(page.getByText("L'exception pour Colomiers est enregistrée.").isVisible()).resolves.toBe(true);
    await expect(colomiersRow.locator('td').first().textContent()).resolves.toBe('Colomiers');

    // The next report filed in Colomiers goes to Colomiers' service; in Toulouse, still to the metropolis.
    const inColomiers = await file(COLOMIERS);
    expect(inColomiers).toMatchObject({ bodyId: '31149', service: 'espaces-verts' });
    const inToulouse = await file(TOULOUSE);
    expect(inToulouse).toMatchObject({ bodyId: SIREN, service: 'mobilier-urbain' });

    // The change is in the audit log (written by a queue consumer: it may take a moment). Other suites
    // write to the log meanwhile: narrowed to this admin (the development issuer's subject for the
    // e-mail) and the territory's actions, it is on the first page.
    await browser.visit(page, '/agents/territoire/journal', 'territoire-journal');
    await page.getByLabel("Type d'action").selectOption('territory.');
    await page.getByLabel('Acteur (identifiant)').fill(ADMIN_SUB);
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/type=territory.*acteur=/);
    const entry = page.locator('#tableau-journal tbody tr', { hasText: `category/${CODE}/override/31149` });
    await eventually(
      async () => {
        await page.reload();
        return entry.count();
      },
      (count) => count === 1,
      30_000,
    );
    await browser.check(page, 'territoire-journal-filtre');
    await expect(entry.locator('code').first().textContent()).resolves.toBe('territory.category-override-saved');
    await expect(entry.locator('td').nth(1).textContent()).resolves.toMatch(ADMIN_SUB);
    await expect(entry.textContent()).resolves.toMatch(/"level": "commune"/);
    const actors = await page.locator('#tableau-journal tbody tr td:nth-child(2) a').allTextContents();
    expect(new Set(actors)).toEqual(new Set([ADMIN_SUB]));
  });

  it('a refused exception says why next to the field, in French', async () => {
    const page = await browser.newPage({ javaScript: true });
    await signIn(browser, page, { role: 'admin', territory: SIREN }, 'connexion-admin-js');
    await browser.visit(page, `/agents/territoire/competences/${CODE}?commune=31555`, 'territoire-exception-js');
    // The metropolis has no "Espaces verts" service (Toulouse has): the API's rule refuses it.
    await page.getByLabel('La métropole', { exact: true }).check();
    await page.getByLabel('Service chargé').selectOption('espaces-verts');
    await page.getByRole('button', { name: "Enregistrer l'exception" }).click();
    await page.locator('#champ-service-erreur').waitFor();
    await browser.check(page, 'territoire-exception-refusee');
    await expect(page.title()).resolves.toMatch(/^Erreur :/);
    await expect(page.locator('#champ-service-erreur').textContent()).resolves.toMatch(
      /La métropole n'a pas ce service/,
    );
    await expect(page.locator('#champ-service').getAttribute('aria-invalid')).resolves.toBe('true');
    // Nothing was saved: Toulouse keeps the default.
    const resolved = await fetchJson<{ overridden: boolean }>(`${T}/categories/${CODE}/competence?insee=31555`);
    expect(resolved.body.overridden).toBe(false);
  });

  it('an admin creates a category with a question, adds and removes a service, and is told what is wrong in the calendar and boundary forms', async () => {
    const page = await browser.newPage({ javaScript: false });
    await signIn(browser, page, { role: 'admin', territory: SIREN }, 'connexion-admin-pages');

    // A category: a list question without its choices is refused next to the field, then saved.
    await browser.visit(page, '/agents/territoire/categories', 'territoire-categories');
    await page.getByRole('link', { name: 'Nouvelle catégorie' }).click();
    await page.waitForURL(/\/nouvelle$/);
    await browser.check(page, 'territoire-categorie-nouvelle');
    await page.getByLabel('Code', { exact: true }).fill(OTHER_CODE);
    await page.getByLabel('Nom', { exact: true }).fill(`Fontaines ${run}`);
    await page.getByLabel('Délai cible (heures ouvrées)').fill('24');
    await page.getByLabel('La métropole', { exact: true }).check();
    await page.getByLabel('Code (question 1)').fill('etat');
    await page.getByLabel('Libellé (question 1)').fill('État de la fontaine');
    await page.getByLabel('Type de réponse (question 1)').selectOption('singlevaluelist');
    await page.getByRole('button', { name: 'Enregistrer la catégorie' }).click();
    await page.locator('#champ-q1-values-erreur').waitFor();
    await browser.check(page, 'territoire-categorie-refusee');
    await expect(page.locator('#champ-q1-values-erreur').textContent()).resolves.toMatch(
      /est une liste : donnez ses choix/,
    );
    await page.getByLabel('Choix (question 1)').fill('coupee : Coupée\nfuite : Fuit');
    await page.getByRole('button', { name: 'Enregistrer la catégorie' }).click();
    await page.waitForURL(/avis=enregistree/);
    await browser.check(page, 'territoire-categories-enregistree');
    await expect(page.getByText(`La catégorie « Fontaines ${run} » est enregistrée.`).isVisible()).resolves.toBe(true);
    const categories = await fetchJson<{ items: { code: string; slaHours?: number; questions?: unknown[] }[] }>(
      `${T}/categories`,
    );
    expect(categories.body.items.find((c) => c.code === OTHER_CODE)).toMatchObject({
      slaHours: 24,
      questions: [
        {
          code: 'etat',
          datatype: 'singlevaluelist',
          values: [
            { key: 'coupee', name: 'Coupée' },
            { key: 'fuite', name: 'Fuit' },
          ],
        },
      ],
    });
    await page.getByRole('link', { name: `Fontaines ${run}` }).click();
    await browser.check(page, 'territoire-categorie-modifier');
    await expect(page.getByLabel('Choix (question 1)').inputValue()).resolves.toBe('coupee : Coupée\nfuite : Fuit');

    // A service of Colomiers, added then removed (the body is as it was).
    await browser.visit(page, '/agents/territoire/services?organisme=31149', 'territoire-services');
    await page.getByLabel('Identifiant').fill(SERVICE);
    await page.getByLabel('Nom', { exact: true }).fill(`Fontainerie ${run}`);
    await page.getByRole('button', { name: 'Enregistrer le service' }).click();
    await page.waitForURL(/avis=enregistre/);
    await browser.check(page, 'territoire-services-enregistre');
    await page.getByRole('link', { name: `Modifier Fontainerie ${run}` }).click();
    await page.getByRole('button', { name: 'Supprimer ce service' }).click();
    await page.waitForURL(/avis=supprime/);
    await expect(page.getByRole('link', { name: `Modifier Fontainerie ${run}` }).count()).resolves.toBe(0);

    // A calendar whose hours cannot be read: said next to the day, nothing saved.
    await browser.visit(page, '/agents/territoire/calendriers?organisme=31149', 'territoire-calendrier');
    await page.getByLabel('Mardi').fill('9h-midi');
    await page.getByRole('button', { name: 'Enregistrer le calendrier' }).click();
    await page.locator('#champ-tuesday-erreur').waitFor();
    await browser.check(page, 'territoire-calendrier-refuse');
    await expect(page.locator('#champ-tuesday-erreur').textContent()).resolves.toMatch(/heures du mardi/);

    // A boundary file that is not GeoJSON: said next to the file input (a multipart form, no JavaScript).
    await browser.visit(page, '/agents/territoire/communes', 'territoire-communes');
    await page.getByRole('link', { name: 'Remplacer le contour de Aigrefeuille' }).click();
    await page.waitForURL(/commune=31003/);
    await browser.check(page, 'territoire-contour');
    await page
      .getByLabel('Fichier GeoJSON')
      .setInputFiles({ name: 'contour.geojson', mimeType: 'application/geo+json', buffer: Buffer.from('pas du JSON') });
    await page.getByRole('button', { name: 'Enregistrer le contour' }).click();
    await page.locator('#champ-fichier-erreur').waitFor();
    await browser.check(page, 'territoire-contour-refuse');
    await expect(page.locator('#champ-fichier-erreur').textContent()).resolves.toMatch(/pas du GeoJSON lisible/);
  });

  it('a boundary sent from a form read before someone else changed it is refused, saying so', async () => {
    const page = await browser.newPage({ javaScript: true });
    await signIn(browser, page, { role: 'admin', territory: SIREN }, 'connexion-admin-contour');
    await browser.visit(page, '/agents/territoire/communes?commune=31003', 'territoire-contour-js');
    const before = await fetchJson<{ geometry: unknown; boundary: { version: number } }>(`${T}/communes/31003`);
    // As if another admin had set a boundary since the form was shown: the version read is behind.
    await page.locator('input[name="version"]').evaluate((input, version) => {
      (input as HTMLInputElement).value = String(version);
    }, before.body.boundary.version - 1);
    await page.getByLabel('Fichier GeoJSON').setInputFiles({
      name: 'contour.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify({ type: 'Feature', properties: {}, geometry: before.body.geometry })),
    });
    await page.getByRole('button', { name: 'Enregistrer le contour' }).click();
    await page.getByText("Quelqu'un a modifié cet élément entre-temps").first().waitFor();
    await browser.check(page, 'territoire-contour-perime');
    const after = await fetchJson<{ boundary: { version: number } }>(`${T}/communes/31003`);
    expect(after.body.boundary.version).toBe(before.body.boundary.version);
  });

  it('a commune agent gets the 403 page in words on the territory administration', async () => {
    const page = await browser.newPage({ javaScript: true });
    await signIn(browser, page, { role: 'agent', territory: SIREN, commune: '31149' }, 'connexion-agent-colomiers');
    // The 403 is the answer expected: the browser's console line about it is not a fault of the page.
    page.removeAllListeners('console');
    const paths = [
      '/agents/territoire/competences',
      `/agents/territoire/competences/${CODE}`,
      '/agents/territoire/journal',
    ];
    for (const [i, path] of paths.entries()) {
      const answer = await browser.visit(page, path, `territoire-403-${i + 1}`);
      expect({ path, status: answer.status() }).toEqual({ path, status: 403 });
      await expect(page.locator('h1').textContent()).resolves.toBe('Accès refusé');
      await expect(page.locator('main').textContent()).resolves.toMatch(/pas le droit/);
    }
    // The frame does not offer the section either.
    await browser.visit(page, '/agents', 'agents-colomiers');
    await expect(page.getByRole('link', { name: 'Compétences' }).count()).resolves.toBe(0);
  });
});
