/**
 * The sensors pages over HTTP (no browser): the list with its filters (an empty choice is "all"),
 * the map drawn from the platform's own API (the page names it), a sensor's week embedded for the
 * chart and the same values in its tables, names escaped, and the pages' answers for what does not
 * exist. The browser suite (test/browser/portal-sensors) draws them.
 */
import { eventually } from '../support/eventually';
import { fetchJson, getToken } from '../support/http';
import { HttpVisitor } from '../browser/http-visitor';

const SIREN = '243100518';
const T = `/territories/${SIREN}`;
const run = Date.now().toString(36);
const partnerId = `portail-e2e-${run}`;
const sensorId = `e2e-bruit-${run}`;
const HOURS = 30;
const lastHour = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000;

beforeAll(async () => {
  const admin = await getToken({ role: 'admin', territory: SIREN });
  expect(
    (await fetchJson(`${T}/sensor-partners`, { token: admin, json: { id: partnerId, name: 'E2E', kind: 'startup' } }))
      .status,
  ).toBe(201);
  const { key } = (
    await fetchJson<{ key: string }>(`${T}/sensor-partners/${partnerId}/api-keys`, {
      token: admin,
      json: { label: 'e2e' },
    })
  ).body;
  const saved = await fetchJson(`${T}/sensors/${sensorId}`, {
    method: 'PUT',
    token: admin,
    json: {
      type: 'NoiseLevelObserved',
      name: `Bruit ${run} "><img src=x onerror=alert(1)>`,
      partnerId,
      location: { lat: 43.6114, lon: 1.4536 },
      properties: ['LAeq', 'LAmax'],
    },
  });
  expect(saved.status).toBe(200);
  const observations = Array.from({ length: HOURS }, (_, hour) => ({
    sensorId,
    property: 'LAeq',
    value: 40 + hour / 4,
    unit: '2N',
    observedAt: new Date(lastHour - (HOURS - 1 - hour) * 3_600_000).toISOString(),
  }));
  expect((await fetchJson(`${T}/observations`, { json: { observations }, headers: { 'x-api-key': key } })).status).toBe(
    202,
  );
  await eventually(
    async () =>
      (await fetchJson<{ items?: unknown[] }>(`${T}/sensors/${sensorId}/series?property=LAeq&resolution=hour`)).body
        .items?.length ?? 0,
    (count) => count === HOURS,
    30_000,
  );
});

describe('the sensors page', () => {
  it('lists the sensors with their latest values, and names the API its map draws from', async () => {
    const page = await new HttpVisitor().get('/capteurs?type=bruit&commune=31555');

    expect(page.status).toBe(200);
    expect(page.text).toContain('<caption id="tableau-capteurs-titre">Bruit, Toulouse : ');
    expect(page.text).toContain(`Niveau sonore équivalent (LAeq) : <strong>47,3 dB(A)</strong>`);
    expect(page.text).toContain(
      `&quot;url&quot;:&quot;/territories/${SIREN}/sensors?limit=500&amp;type=NoiseLevelObserved&amp;commune=31555&quot;`,
    );
    expect(page.text).toContain(`&quot;url&quot;:&quot;/territories/${SIREN}/communes/31555&quot;`);
    expect(page.text).not.toContain('<img src=x');
    expect(page.text).toContain('&quot;>&lt;img src=x onerror=alert(1)>');
  });

  it('takes the empty choices of its filter form as "all", and refuses a kind it does not know', async () => {
    const visitor = new HttpVisitor();

    const all = await visitor.get('/capteurs?type=&commune=');
    const unknown = await visitor.get('/capteurs?type=radar');

    expect(all.status).toBe(200);
    expect(all.text).toMatch(/<caption id="tableau-capteurs-titre">Tous les types, toutes les communes : \d+ capteurs/);
    expect(unknown.status).toBe(400);
  });
});

describe("a sensor's page", () => {
  it('embeds the week for the chart, and gives the same values in its tables', async () => {
    const page = await new HttpVisitor().get(`/capteurs/${sensorId}`);

    expect(page.status).toBe(200);
    const settings = JSON.parse(
      /data-chart="([^"]*)"/
        .exec(page.text)![1]!
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&'),
    ) as { label: string; x: number[]; y: (number | null)[] };
    expect(settings.label).toBe('Niveau sonore équivalent (LAeq), en dB(A)');
    // One slot an hour over the week, empty where nothing was measured.
    expect(settings.x.length).toBeGreaterThanOrEqual(7 * 24);
    expect(settings.y.filter((v) => v !== null)).toEqual(Array.from({ length: HOURS }, (_, h) => 40 + h / 4));
    expect(page.text.match(/<tr><th scope="row"><time/g)?.length).toBeGreaterThanOrEqual(HOURS);
    expect(page.text).toContain('Toutes les valeurs horaires (30 heures)');
  });

  it('shows another property when asked, and says when it has no reading', async () => {
    const page = await new HttpVisitor().get(`/capteurs/${sensorId}?mesure=LAmax`);

    expect(page.status).toBe(200);
    expect(page.text).toContain('<h2 id="sept-jours">Niveau sonore maximal (LAmax) : les 7 derniers jours</h2>');
    expect(page.text).toContain('Aucune mesure sur les 7 derniers jours.');
    expect(page.text).not.toContain('data-chart=');
  });

  it('answers 404 for a sensor that does not exist, 400 for an id that cannot be one', async () => {
    const visitor = new HttpVisitor();

    expect((await visitor.get(`/capteurs/absent-${run}`)).status).toBe(404);
    expect((await visitor.get('/capteurs/Pas_Un_Id')).status).toBe(400);
  });
});
