/**
 * The back office's participation pages in a real browser: a moderator hides a flagged proposal
 * with a public reason (the flag's reason is on the queue) and it leaves the public list, then
 * restores it and it comes back (without JavaScript); an agent creates a consultation through the
 * form (a refused field first, then its area drawn by clicks on the map), edits it, finds it in the public list and moves its phase with a reason,
 * which its public page shows (with JavaScript). Each new page passes axe-core; the data of other
 * suites is left alone (our consultation carries this run's marker).
 */
import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { fetchJson, getToken } from '../support/http';
import { describeInBrowser, quickSignIn, signIn, useBrowser } from './harness';

jest.setTimeout(180_000);

const SIREN = '243100518';
const run = randomUUID().slice(0, 8);
const METROPOLITAN_AGENT = { role: 'agent', territory: SIREN } as const;
const ids = { consultation: '', proposal: '' };
const PROPOSAL_TITLE = `Un marché nocturne (${run})`;
const FLAG_REASON = `Publicité déguisée ${run}`;

const created = <T>(response: { status: number; body: unknown }): T => {
  if (response.status !== 201)
    throw new Error(`expected 201, got ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as T;
};

beforeAll(async () => {
  const [admin, author, flagger] = await Promise.all([
    getToken({ role: 'admin', territory: SIREN }),
    getToken({ role: 'citizen', sub: `bo-author-${run}` }),
    getToken({ role: 'citizen', sub: `bo-flagger-${run}` }),
  ]);
  ids.consultation = created<{ id: string }>(
    await fetchJson(`/territories/${SIREN}/consultations`, {
      token: admin,
      json: {
        scope: { level: 'territory' },
        title: `Les nuits de la métropole (${run})`,
        body: 'Que voulez-vous faire le soir ?',
        schedule: { proposals: new Date().toISOString() },
      },
    }),
  ).id;
  ids.proposal = created<{ id: string }>(
    await fetchJson(`/territories/${SIREN}/consultations/${ids.consultation}/proposals`, {
      token: author,
      json: { title: PROPOSAL_TITLE, body: 'Des étals le vendredi soir.', displayName: 'Noctambule' },
    }),
  ).id;
  const flagged = await fetchJson(
    `/territories/${SIREN}/consultations/${ids.consultation}/proposals/${ids.proposal}/flags`,
    { token: flagger, json: { reason: FLAG_REASON } },
  );
  if (flagged.status >= 300) throw new Error(`flag refused: ${JSON.stringify(flagged.body)}`);
}, 60_000);

const publicTitles = async () => {
  const answer = await fetch(`${process.env.E2E_BASE_URL}/consultations/${ids.consultation}`);
  expect(answer.status).toBe(200);
  return answer.text();
};

describeInBrowser('the back office participation pages in a browser', () => {
  const browser = useBrowser();

  it('a moderator hides a flagged proposal (it leaves the public list), then restores it', async () => {
    const page = await browser.newPage({ javaScript: false });
    await signIn(browser, page, METROPOLITAN_AGENT, 'bo-moderation-connexion');
    await browser.visit(page, '/agents/moderation', 'bo-moderation');
    await page.getByLabel('Consultation', { exact: true }).selectOption(ids.consultation);
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.waitForURL(/consultation=/);
    await browser.check(page, 'bo-moderation-file');
    const entry = page.locator(`#contenu-${ids.proposal}`);
    await expect(entry.textContent()).resolves.toContain(FLAG_REASON);
    expect(await publicTitles()).toContain(PROPOSAL_TITLE);

    // No reason: refused, the message next to this entry's field.
    await entry.getByRole('button', { name: 'Masquer' }).click();
    await page.locator(`#motif-${ids.proposal}-erreur`).waitFor();
    await browser.check(page, 'bo-moderation-refus');
    await expect(page.title()).resolves.toMatch(/^Erreur :/);

    await page.locator(`#motif-${ids.proposal}`).fill('Contenu publicitaire');
    await page.locator(`#contenu-${ids.proposal}`).getByRole('button', { name: 'Masquer' }).click();
    await page.getByText('Le contenu est masqué.').waitFor();
    await expect(page.locator(`#contenu-${ids.proposal}`).count()).resolves.toBe(0);
    expect(await publicTitles()).not.toContain(PROPOSAL_TITLE);

    await page.getByLabel('Liste').selectOption('masques');
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.waitForURL(/liste=masques/);
    await browser.check(page, 'bo-moderation-masques');
    const hidden = page.locator(`#contenu-${ids.proposal}`);
    await expect(hidden.textContent()).resolves.toContain('Contenu publicitaire');
    await hidden.getByRole('button', { name: 'Rétablir' }).click();
    await page.getByText('Le contenu est rétabli.').waitFor();
    expect(await publicTitles()).toContain(PROPOSAL_TITLE);
  });

  it('an agent creates a consultation through the form, edits it, finds it in the public list, and moves its phase', async () => {
    const page = await browser.newPage({ javaScript: true });
    await quickSignIn(page, METROPOLITAN_AGENT);
    await browser.visit(page, '/agents/consultations', 'bo-consultations');
    await page.getByRole('link', { name: 'Nouvelle consultation' }).click();
    await page.waitForURL((url) => url.pathname === '/agents/consultations/nouvelle');
    await browser.check(page, 'bo-consultation-nouvelle');

    const title = `Le parc des berges (${run})`;
    // A bad area first: said next to its field, what was typed kept.
    await page.getByLabel('Titre', { exact: true }).fill(title);
    await page.getByLabel('Présentation').fill('Comment aménager le parc ?');
    await page.getByLabel('Périmètre', { exact: true }).selectOption({ label: 'Tout le territoire' });
    await page.getByLabel(/^Zone/).fill('{"type":"Point"}');
    await page.getByRole('button', { name: 'Créer la consultation' }).click();
    await page.locator('#champ-area-erreur').waitFor();
    await browser.check(page, 'bo-consultation-nouvelle-erreur');
    await expect(page.getByLabel('Titre', { exact: true }).inputValue()).resolves.toBe(title);

    // The area drawn on the map instead: 4 clicks (a 5th undone) fill the GeoJSON field.
    await page.getByLabel(/^Zone/).fill('');
    const map = page.locator('.area-map__map.leaflet-container');
    await map.waitFor();
    const box = (await map.boundingBox())!;
    for (const [x, y] of [
      [0.4, 0.4],
      [0.6, 0.4],
      [0.6, 0.6],
      [0.4, 0.6],
      [0.7, 0.7],
    ] as const) {
      await map.click({ position: { x: box.width * x, y: box.height * y } });
    }
    await page.getByRole('button', { name: 'Annuler le dernier point' }).click();
    await page.getByText('Zone de 4 points').waitFor();
    const drawn = JSON.parse(await page.getByLabel(/^Zone/).inputValue()) as {
      type: string;
      coordinates: number[][][];
    };
    expect(drawn.type).toBe('Polygon');
    expect(drawn.coordinates[0]).toHaveLength(5); // 4 vertices, closed
    await page.getByRole('button', { name: 'Créer la consultation' }).click();
    await page.waitForURL(/\/agents\/consultations\/[0-9A-Z]{26}\?avis=creee$/);
    await browser.check(page, 'bo-consultation');
    const id = new URL(page.url()).pathname.split('/').pop()!;
    await expect(page.getByText('La consultation est créée.').isVisible()).resolves.toBe(true);
    await expect(page.getByText('Une zone est définie').isVisible()).resolves.toBe(true);
    const saved = await fetchJson<{ area?: { type: string } }>(`/territories/${SIREN}/consultations/${id}`);
    expect(saved.body.area?.type).toBe('Polygon');

    // Edited before proposals open: a new title and an age limit.
    const edited = `Le parc des berges de Garonne (${run})`;
    await page.getByLabel('Titre', { exact: true }).fill(edited);
    await page.getByLabel(/^Âge minimum/).fill('16');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.waitForURL(/avis=modifiee$/);
    await expect(page.getByText('La consultation est modifiée.').isVisible()).resolves.toBe(true);
    await expect(page.locator('h1').textContent()).resolves.toBe(edited);

    const list = await (await fetch(`${process.env.E2E_BASE_URL}/consultations`)).text();
    expect(list).toContain(edited);

    await page.getByLabel('Nouvelle étape').selectOption('proposals');
    await page.getByLabel('Motif').fill('Ouverture anticipée des propositions');
    await page.getByRole('button', { name: 'Changer d’étape' }).click();
    await page.waitForURL(/avis=etape$/);
    await expect(page.getByText('L’étape de la consultation a changé.').isVisible()).resolves.toBe(true);

    await browser.visit(page, `/consultations/${id}`, 'bo-consultation-publique');
    const phase = await fetchJson<{ phase: string }>(`/territories/${SIREN}/consultations/${id}`);
    expect(phase.body.phase).toBe('proposals');
    // The public timeline marks the proposals step as the current one, and the agent may propose.
    await expect(page.locator('.timeline [aria-current="step"] .timeline__phase').textContent()).resolves.toBe(
      'Propositions',
    );
    await expect(page.getByRole('link', { name: 'Proposer une idée' }).count()).resolves.toBe(1);
  });

  it('a citizen gets the 403 page in words on the moderation queue', async () => {
    const page = await browser.newPage({ javaScript: false });
    await quickSignIn(page, { role: 'citizen' });
    page.removeAllListeners('console');
    const answer = await browser.visit(page, '/agents/moderation', 'bo-moderation-403');
    expect(answer.status()).toBe(403);
    await expect(page.locator('main').textContent()).resolves.toMatch(/droit/);
  });
});
