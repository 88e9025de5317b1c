/**
 * The back office's reports pages in a real browser: the shell (anonymous → sign-in, citizen → 403
 * page, an agent sees the sections); a Toulouse agent triages the inbox (filters, counts), opens a
 * report, acknowledges, starts and resolves it with a public note → the citizen's public page and
 * the mailbox follow; files a report for a citizen on the phone; a Colomiers agent gets the 403
 * page in words on a Toulouse report; two agents act on the same report at once: one wins, the
 * other sees the stale-form message and the new state; triage with the keyboard alone. Reports
 * are this run's own (a category created through the API, withdrawn at the end). Every page passes
 * axe-core (harness.ts) and requests nothing from another host.
 */
import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { MailboxMessage } from '../../infra/local/mailbox/mailbox-store';
import { eventually } from '../support/eventually';
import { baseUrl, fetchJson, getToken } from '../support/http';
import { describeInBrowser, quickSignIn, signIn, useBrowser } from './harness';

jest.setTimeout(180_000);

const SIREN = '243100518';
const T = `/territories/${SIREN}`;
const run = randomUUID().slice(0, 8);
const CODE = `bo-signalements-${run}`;
const NAME = `Massifs fleuris ${run}`;
/** Inside Toulouse (the demo commune's centroid), a few metres apart. */
const TOULOUSE = { lat: 43.596, lon: 1.4321 };
const TOULOUSE_AGENT = { role: 'agent', territory: SIREN, commune: '31555' } as const;

let admin: string;

const category = (active = true) => ({
  name: NAME,
  // Handled by the commune the report lies in: a Toulouse report goes to Toulouse's agents.
  competence: { level: 'commune', service: 'espaces-verts' },
  slaHours: 40,
  active,
});

/** A report filed by an anonymous citizen through the API; returns its id. */
const file = async (email: string, offset = 0) => {
  const filed = await fetchJson<{ id: string; bodyId: string }>(`${T}/reports`, {
    json: {
      category: CODE,
      location: { lat: TOULOUSE.lat + offset, lon: TOULOUSE.lon },
      address: `Allée ${run}`,
      description: `Massif piétiné ${run}`,
      contact: { email },
    },
  });
  expect(filed.status).toBe(201);
  expect(filed.body.bodyId).toBe('31555');
  return filed.body.id;
};

const mailboxOf = async (email: string) =>
  (await fetchJson<MailboxMessage[]>(`/_local/mailbox?to=${encodeURIComponent(email)}`)).body;

const statusText = (page: Page) => page.locator('.report-status').innerText();

beforeAll(async () => {
  admin = await getToken({ role: 'admin', territory: SIREN });
  const saved = await fetchJson(`${T}/categories/${CODE}`, { method: 'PUT', token: admin, json: category() });
  expect(saved.status).toBe(200);
});

afterAll(async () => {
  await fetchJson(`${T}/categories/${CODE}`, { method: 'PUT', token: admin, json: category(false) });
});

describeInBrowser('the back office reports pages in a browser', () => {
  const browser = useBrowser();

  it('the shell: anonymous → sign-in, a citizen → 403 page in words, an agent sees the sections', async () => {
    const anonymous = await browser.newPage({ javaScript: false });
    await anonymous.goto(`${baseUrl()}/agents/signalements`);
    expect(new URL(anonymous.url()).pathname).toBe('/connexion');

    const citizen = await browser.newPage({ javaScript: false });
    await quickSignIn(citizen, { role: 'citizen', email: `habitant-${run}@example.fr` });
    // The 403 is the answer expected: the browser's console line about it is not a fault of the page.
    citizen.removeAllListeners('console');
    const refused = await browser.visit(citizen, '/agents/signalements', 'agents-signalements-403-citoyen');
    expect(refused.status()).toBe(403);
    await expect(citizen.locator('h1').textContent()).resolves.toBe('Accès refusé');

    const agent = await browser.newPage({ javaScript: false });
    await signIn(browser, agent, { ...TOULOUSE_AGENT, email: `agent-shell-${run}@example.fr` }, 'connexion-agent');
    await browser.visit(agent, '/agents', 'agents-accueil');
    const nav = agent.getByRole('navigation', { name: "Rubriques de l'espace agents" });
    await expect(nav.getByRole('link', { name: 'Signalements à traiter' }).count()).resolves.toBe(1);
    await expect(nav.getByRole('link', { name: 'Saisir un signalement pour un habitant' }).count()).resolves.toBe(1);
    // Territory administration is for admins only.
    await expect(nav.getByRole('link', { name: 'Catégories' }).count()).resolves.toBe(0);

    // An admin chooses the body whose inbox they read.
    const territoryAdmin = await browser.newPage({ javaScript: false });
    await quickSignIn(territoryAdmin, { role: 'admin', territory: SIREN, email: `admin-boite-${run}@example.fr` });
    await territoryAdmin.goto(`${baseUrl()}/agents/signalements`);
    await expect(territoryAdmin.locator('h1').textContent()).resolves.toBe(
      'Signalements à traiter : Toulouse Métropole',
    );
    await territoryAdmin.getByLabel(/^Organisme/).selectOption({ label: 'Colomiers' });
    await territoryAdmin.getByRole('button', { name: 'Filtrer' }).click();
    await territoryAdmin.waitForURL(/organisme=31149/);
    await browser.check(territoryAdmin, 'boite-signalements-admin');
    await expect(territoryAdmin.locator('h1').textContent()).resolves.toBe('Signalements à traiter : Colomiers');
  });

  it('a Toulouse agent triages the inbox and resolves a report; the public page and the mailbox follow', async () => {
    const email = `habitant-resolu-${run}@example.fr`;
    const id = await file(email);
    const page = await browser.newPage({ javaScript: false });
    await signIn(browser, page, { ...TOULOUSE_AGENT, email: `agent-tri-${run}@example.fr` }, 'connexion-tri');

    await browser.visit(page, '/agents/signalements', 'boite-signalements');
    await expect(page.locator('h1').textContent()).resolves.toBe('Signalements à traiter : Toulouse');
    await expect(page.locator('.inbox-counts').innerText()).resolves.toMatch(/Nouveau : (plus de )?[\d\u202f ]+/);
    // Filters: this run's category, new, filed today, oldest first.
    await page.getByLabel('Catégorie').selectOption({ label: NAME });
    await page.getByLabel(/^État/).selectOption({ label: 'Nouveau' });
    const today = new Date().toISOString().slice(0, 10);
    await page.getByLabel('Signalés à partir du').fill(today);
    await page.getByLabel('Ordre').selectOption({ label: 'Les plus anciens d’abord' });
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/categorie=/);
    await browser.check(page, 'boite-signalements-filtree');
    const row = page.locator(`tr[data-report="${id}"]`);
    await expect(row.innerText()).resolves.toContain('Toulouse');
    await expect(row.locator('.sla').innerText()).resolves.toMatch(
      /^(Dans les délais|À traiter aujourd’hui) — reste .+ ouvrées?$/,
    );
    // The commune filter is for the metropolis: a commune's inbox is that commune.
    await expect(page.getByLabel('Commune').count()).resolves.toBe(0);

    await row.getByRole('link').click();
    await page.waitForURL((url) => url.pathname === `/agents/signalements/${id}`);
    await browser.check(page, 'signalement-agent');
    const main = () => page.locator('main').innerText();
    await expect(main()).resolves.toContain(email);
    await expect(main()).resolves.toContain(`Massif piétiné ${run}`);
    // The category change says where the report would go.
    await expect(
      page.locator('#champ-nouvelle-categorie option', { hasText: /^Voirie .* — confié à Toulouse Métropole/ }).count(),
    ).resolves.toBe(1);

    await page.getByRole('button', { name: 'Prendre en compte' }).click();
    await page.waitForURL(/avis=pris-en-compte/);
    await expect(page.locator('.notice--success').innerText()).resolves.toContain('pris en compte');
    await page.getByRole('button', { name: 'Commencer le traitement' }).click();
    await page.waitForURL(/avis=commence/);
    await page.getByLabel('Note interne', { exact: true }).fill(`Voir avec l’équipe du quartier ${run}`);
    await page.getByRole('button', { name: 'Ajouter la note' }).click();
    await page.waitForURL(/avis=note/);

    // Resolving needs its public note: said next to the field.
    await page.getByRole('button', { name: 'Marquer résolu' }).click();
    await page.waitForURL((url) => url.pathname === `/agents/signalements/${id}`);
    await browser.check(page, 'signalement-agent-erreur');
    await expect(page.locator('#champ-resoudre-note-erreur').innerText()).resolves.toContain('Message à l’habitant');
    await page.getByLabel('Message à l’habitant (public)').fill(`Massif replanté ${run}`);
    await page.getByRole('button', { name: 'Marquer résolu' }).click();
    await page.waitForURL(/avis=resolu/);
    await browser.check(page, 'signalement-agent-resolu');
    await expect(statusText(page)).resolves.toContain('Résolu');
    await expect(main()).resolves.toContain(`Voir avec l’équipe du quartier ${run}`);

    await browser.visit(page, `/signalements/${id}`, 'signalement-public-resolu');
    const publicText = await page.locator('main').innerText();
    expect(publicText).toContain('Résolu');
    expect(publicText).toContain(`Massif replanté ${run}`);
    expect(publicText).not.toContain(`Voir avec l’équipe du quartier ${run}`);
    expect(publicText).not.toContain(email);
    await eventually(
      () => mailboxOf(email),
      (messages) => messages.some((m) => m.subject === `Signalement n° ${id} : résolu`),
    );
  });

  it('an agent files a report for a citizen on the phone; its page shows the channel and the contact', async () => {
    const page = await browser.newPage({ javaScript: false });
    await quickSignIn(page, { ...TOULOUSE_AGENT, email: `agent-saisie-${run}@example.fr` });
    await browser.visit(page, '/agents/signalements/nouveau', 'saisie-etape-1');
    await page.getByRole('radio', { name: NAME }).check();
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.waitForURL(/categorie=/);
    await browser.check(page, 'saisie-etape-2');
    await page.getByRole('radio', { name: 'Par téléphone' }).check();
    await page.getByRole('combobox', { name: /^Commune/ }).selectOption({ label: 'Toulouse' });
    await page.getByLabel('Adresse ou repère').fill(`Square ${run}`);
    await page.getByLabel('Description du problème').fill(`Massif arraché, appel de Mme Durand ${run}`);
    await page.locator('#champ-nom').fill('Durand');
    await page.locator('#champ-telephone').fill('05 61 00 00 00');
    await page.getByRole('button', { name: 'Enregistrer le signalement' }).click();
    await page.waitForURL(/\/agents\/signalements\/[0-9A-Z]{26}\?saisi=oui$/);
    await browser.check(page, 'saisie-enregistree');
    const text = await page.locator('main').innerText();
    expect(text).toContain('Téléphone — Saisi par un agent pour l’habitant');
    expect(text).toContain('Durand');
    expect(text).toContain('05 61 00 00 00');
  });

  it('a Colomiers agent gets the 403 page in words on a Toulouse report', async () => {
    const id = await file(`habitant-403-${run}@example.fr`);
    const page = await browser.newPage({ javaScript: false });
    await quickSignIn(page, { role: 'agent', territory: SIREN, commune: '31149' });
    page.removeAllListeners('console');
    const answer = await browser.visit(page, `/agents/signalements/${id}`, 'signalement-403-colomiers');
    expect(answer.status()).toBe(403);
    await expect(page.locator('h1').textContent()).resolves.toBe('Accès refusé');
    await expect(page.locator('main').innerText()).resolves.not.toContain(`Massif piétiné ${run}`);
  });

  it('two agents act on the same report at once: one wins, the other sees the stale-form message', async () => {
    const id = await file(`habitant-concurrence-${run}@example.fr`, 0.0003);
    const [first, second] = await Promise.all([
      browser.newPage({ javaScript: true }),
      browser.newPage({ javaScript: false }),
    ]);
    await quickSignIn(first, { ...TOULOUSE_AGENT, email: `agent-a-${run}@example.fr` });
    await quickSignIn(second, { ...TOULOUSE_AGENT, email: `agent-b-${run}@example.fr` });
    await first.goto(`${baseUrl()}/agents/signalements/${id}`);
    await second.goto(`${baseUrl()}/agents/signalements/${id}`);

    // Both send a form read at version 1 at once: one acknowledges, the other rejects.
    await second.getByLabel('Motif du rejet (public)').fill('Hors compétence');
    await Promise.all([
      first.waitForEvent('load'),
      second.waitForEvent('load'),
      first.getByRole('button', { name: 'Prendre en compte' }).click(),
      second.getByRole('button', { name: 'Rejeter' }).click(),
    ]);
    const outcome = async (page: Page) => ({
      won: await page.locator('.notice--success').count(),
      stale: await page.locator('.notice--warning', { hasText: 'Quelqu’un a agi sur ce signalement' }).count(),
    });
    const outcomes = [await outcome(first), await outcome(second)];
    // Exactly one won; the other was told, and nothing of theirs was written.
    expect(outcomes.map((o) => o.won + o.stale)).toEqual([1, 1]);
    expect(outcomes.map((o) => o.won).sort()).toEqual([0, 1]);
    const loser = outcomes[0]!.stale === 1 ? first : second;
    await browser.check(loser, 'signalement-perime');
    const winnerStatus = outcomes[0]!.won === 1 ? 'Pris en compte' : 'Rejeté';
    await expect(statusText(loser)).resolves.toContain(winnerStatus);

    const details = await fetchJson<{ status: string; history: unknown[] }>(`${T}/reports/${id}/details`, {
      token: await getToken(TOULOUSE_AGENT),
    });
    expect(details.body.status).toBe(outcomes[0]!.won === 1 ? 'acknowledged' : 'rejected');
    expect(details.body.history).toHaveLength(2);
  });

  it('keyboard-only triage: tab to a report in the inbox, acknowledge it with the keyboard', async () => {
    const id = await file(`habitant-clavier-${run}@example.fr`, 0.0006);
    const page = await browser.newPage({ javaScript: true });
    await quickSignIn(page, { ...TOULOUSE_AGENT, email: `agent-clavier-${run}@example.fr` });
    await browser.visit(page, `/agents/signalements?categorie=${CODE}`, 'boite-clavier');

    const tabTo = async (matches: (element: { href: string; text: string }) => boolean, limit = 150) => {
      for (let i = 0; i < limit; i++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const element = document.activeElement as HTMLAnchorElement | HTMLButtonElement | null;
          return { href: element && 'href' in element ? element.href : '', text: element?.textContent?.trim() ?? '' };
        });
        if (matches(focused)) return;
      }
      throw new Error('never reached with Tab');
    };
    await tabTo((e) => e.href.endsWith(`/agents/signalements/${id}`));
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === `/agents/signalements/${id}`);
    await tabTo((e) => e.text === 'Prendre en compte');
    await page.keyboard.press('Enter');
    await page.waitForURL(/avis=pris-en-compte/);
    await browser.check(page, 'signalement-clavier');
    // The outcome is announced: the notice has the focus.
    await expect(
      page.evaluate(() => document.activeElement?.classList.contains('notice--success') ?? false),
    ).resolves.toBe(true);
    await expect(statusText(page)).resolves.toContain('Pris en compte');
  });
});
