/**
 * The back office's sensors pages in a real browser: an admin writes an alert rule with the
 * editor, a reading above it opens an alert, and a metropolitan agent acknowledges then closes it
 * (without JavaScript); an admin registers a partner, sees its new API key once (never again on the
 * page), ingests with it, revokes it, and the key is refused (with JavaScript). Each new page passes
 * axe-core; everything is this run's own (partner, sensor, rule).
 */
import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { eventually } from '../support/eventually';
import { fetchJson, getToken } from '../support/http';
import { describeInBrowser, quickSignIn, signIn, useBrowser } from './harness';

jest.setTimeout(180_000);

const SIREN = '243100518';
const T = `/territories/${SIREN}`;
const run = randomUUID().slice(0, 8);
const ADMIN = { role: 'admin', territory: SIREN } as const;
const AGENT = { role: 'agent', territory: SIREN } as const;
const partnerId = `bo-${run}`;
// Test-made sensors start with e2e- (the demo's count in sensors-api.test.ts leaves them out).
const sensorId = `e2e-bo-air-${run}`;
let key = '';
let admin = '';

const saveSensor = (id: string, partner: string) =>
  fetchJson(`${T}/sensors/${id}`, {
    method: 'PUT',
    token: admin,
    json: {
      type: 'AirQualityObserved',
      name: `Station ${id}`,
      partnerId: partner,
      location: { lat: 43.6045, lon: 1.4442 },
      properties: ['no2'],
    },
  });

const ingest = (apiKey: string, id: string, value: number) =>
  fetchJson(`${T}/observations`, {
    headers: { 'x-api-key': apiKey },
    json: {
      observations: [{ sensorId: id, property: 'no2', value, unit: 'GQ', observedAt: new Date().toISOString() }],
    },
  });

beforeAll(async () => {
  admin = await getToken(ADMIN);
  expect(
    (
      await fetchJson(`${T}/sensor-partners`, {
        token: admin,
        json: { id: partnerId, name: 'Passerelle BO', kind: 'startup' },
      })
    ).status,
  ).toBe(201);
  key = (
    await fetchJson<{ key: string }>(`${T}/sensor-partners/${partnerId}/api-keys`, {
      token: admin,
      json: { label: 'bo' },
    })
  ).body.key;
  expect((await saveSensor(sensorId, partnerId)).status).toBe(200);
}, 60_000);

describeInBrowser('the back office sensors pages in a browser', () => {
  const browser = useBrowser();

  it('an admin writes a rule; an agent acknowledges then closes the alert it opens', async () => {
    const page = await browser.newPage({ javaScript: false });
    await signIn(browser, page, ADMIN, 'bo-capteurs-connexion');
    await browser.visit(page, '/agents/capteurs/regles', 'bo-regles');
    await page.getByLabel('Identifiant', { exact: true }).fill(`bo-rule-${run}`);
    await page.getByLabel('Nom', { exact: true }).fill(`NO2 trop haut ${run}`);
    await page.getByLabel('Capteur surveillé (identifiant)').fill(sensorId);
    await page.locator('#champ-property').fill('no2');
    await page.getByLabel('Condition').selectOption('GT');
    // A threshold that is not a number for GT: refused next to its field.
    await page.getByLabel('Seuil').fill('beaucoup');
    await page.getByRole('button', { name: 'Enregistrer la règle' }).click();
    await page.locator('#champ-threshold-erreur').waitFor();
    await browser.check(page, 'bo-regles-erreur');
    await page.getByLabel('Seuil').fill('100,5');
    await page.getByRole('button', { name: 'Enregistrer la règle' }).click();
    await page.getByText('La règle est enregistrée.').waitFor();
    await expect(page.locator('#tableau-regles').textContent()).resolves.toContain(`NO2 trop haut ${run}`);

    expect((await ingest(key, sensorId, 180)).status).toBe(202);
    const alert = await eventually(
      async () =>
        (
          await fetchJson<{ items: { id: string; sensorId: string }[] }>(`${T}/sensor-alerts?state=open&limit=100`, {
            token: admin,
          })
        ).body.items.find((a) => a.sensorId === sensorId),
      (found) => found !== undefined,
      30_000,
    );

    const agentPage = await browser.newPage({ javaScript: false });
    await quickSignIn(agentPage, AGENT);
    await browser.visit(agentPage, '/agents/capteurs/alertes', 'bo-alertes');
    const row = agentPage.locator(`#alerte-${alert!.id}`);
    await row.getByLabel('Note (facultative)').fill('Équipe prévenue');
    await row.getByRole('button', { name: 'Prendre en charge' }).click();
    await agentPage.getByText('L’alerte est prise en charge.').waitFor();
    await expect(agentPage.locator(`#alerte-${alert!.id}`).count()).resolves.toBe(0);

    await agentPage.getByRole('link', { name: 'Prises en charge' }).click();
    await agentPage.waitForURL(/etat=prises-en-charge/);
    await browser.check(agentPage, 'bo-alertes-prises');
    const taken = agentPage.locator(`#alerte-${alert!.id}`);
    await expect(taken.textContent()).resolves.toContain('Équipe prévenue');
    await taken.getByRole('button', { name: 'Clore' }).click();
    await agentPage.getByText('L’alerte est close.').waitFor();
    await agentPage.getByRole('link', { name: 'Closes' }).click();
    await agentPage.waitForURL(/etat=closes/);
    await expect(agentPage.locator(`#alerte-${alert!.id}`).count()).resolves.toBe(1);
    const closed = await fetchJson<{ items: { id: string; state: string }[] }>(
      `${T}/sensor-alerts?state=closed&limit=100`,
      { token: admin },
    );
    expect(closed.body.items.find((a) => a.id === alert!.id)?.state).toBe('closed');
  });

  it('an admin registers a partner, sees its key once, revokes it, and the key is refused', async () => {
    const page = await browser.newPage({ javaScript: true });
    await quickSignIn(page, ADMIN);
    await browser.visit(page, '/agents/capteurs/partenaires', 'bo-partenaires');
    const newPartner = `bo-new-${run}`;
    await page.getByLabel('Identifiant', { exact: true }).fill(newPartner);
    await page.getByLabel('Nom', { exact: true }).fill(`Laboratoire ${run}`);
    await page.getByLabel('Nature').selectOption('university');
    await page.getByRole('button', { name: 'Inscrire le partenaire' }).click();
    await page.getByText('Le partenaire est inscrit.').waitFor();

    await page.locator(`#libelle-${newPartner}`).fill('passerelle');
    await page
      .locator(`#partenaire-${newPartner}`)
      .locator('..')
      .getByRole('button', { name: 'Créer une clé' })
      .click();
    await page.locator('#nouvelle-cle').waitFor();
    await browser.check(page, 'bo-partenaires-cle');
    const issued = (await page.locator('#nouvelle-cle').textContent())!.trim();
    expect(issued).toMatch(/^vo_/);
    // Shown in the answer to the POST only: not in the URL, and not on the page read again.
    expect(page.url()).not.toContain(issued);
    const again = await fetch(`${process.env.E2E_BASE_URL}/agents/capteurs/partenaires`, {
      headers: { cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') },
    });
    expect(again.status).toBe(200);
    expect(await again.text()).not.toContain(issued);

    const sensor = `e2e-bo-lab-${run}`;
    expect((await saveSensor(sensor, newPartner)).status).toBe(200);
    expect((await ingest(issued, sensor, 12)).status).toBe(202);

    await browser.visit(page, '/agents/capteurs/partenaires', 'bo-partenaires-liste');
    await page.getByRole('button', { name: 'Révoquer la clé « passerelle »' }).click();
    await page.getByText('La clé est révoquée : elle est refusée dès maintenant.').waitFor();
    expect([401, 403]).toContain((await ingest(issued, sensor, 13)).status);
  });

  it('a commune agent reads the rules without the editor, and gets the 403 page in words on partners', async () => {
    const page = await browser.newPage({ javaScript: true });
    await quickSignIn(page, { role: 'agent', territory: SIREN, commune: '31555' });
    await browser.visit(page, '/agents/capteurs/regles', 'bo-regles-agent');
    await expect(page.getByRole('button', { name: 'Enregistrer la règle' }).count()).resolves.toBe(0);
    page.removeAllListeners('console');
    const answer = await browser.visit(page, '/agents/capteurs/partenaires', 'bo-partenaires-403');
    expect(answer.status()).toBe(403);
    await expect(page.locator('main').textContent()).resolves.toMatch(/droit/);
  });
});
