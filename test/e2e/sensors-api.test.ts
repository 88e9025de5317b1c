/**
 * The sensors API over real HTTP against the runtime `npm start` runs, with its demo data: the
 * demo sensors and alerts, who may call what, and the NGSI-LD view of a demo sensor.
 */
import { eventually } from '../support/eventually';
import { fetchJson, getToken } from '../support/http';

const SIREN = '243100518';
const T = `/territories/${SIREN}`;

let admin: string;
let agent: string;

beforeAll(async () => {
  [admin, agent] = await Promise.all([
    getToken({ role: 'admin', territory: SIREN }),
    getToken({ role: 'agent', territory: SIREN }),
  ]);
});

describe('the demo sensors of a first start', () => {
  test('fifty sensors of five partners, across several communes', async () => {
    const sensors = await fetchJson<{ items: { id: string; commune: { insee: string } }[] }>(`${T}/sensors?limit=500`);
    const demo = sensors.body.items.filter((s) => !s.id.startsWith('e2e-'));
    expect(demo).toHaveLength(50);
    expect(new Set(demo.map((s) => s.commune.insee)).size).toBeGreaterThanOrEqual(5);
    const partners = await fetchJson<{ items: unknown[] }>(`${T}/sensor-partners`, { token: admin });
    expect(partners.body.items.length).toBeGreaterThanOrEqual(5);
  });

  test('three days of NO2 (hourly over the last day, every three hours before) with a daily cycle: rush hours above the night', async () => {
    const hours = await eventually(
      () =>
        fetchJson<{ items: { start: string; mean: number }[] }>(
          `${T}/sensors/air-jean-jaures/series?property=no2&resolution=hour&limit=200&from=${new Date(Date.now() - 3 * 86_400_000).toISOString()}`,
        ),
      // 24 hours, then 16 three-hour steps over the two days before.
      (r) => r.body.items.length >= 40,
      30_000,
    );
    const meanAt = (utcHour: number) => {
      const at = hours.body.items.filter((h) => Number(h.start.slice(11, 13)) === utcHour).map((h) => h.mean);
      return at.reduce((a, b) => a + b, 0) / at.length;
    };
    expect(meanAt(7)).toBeGreaterThan(2 * meanAt(2)); // 8:00 in Toulouse against 3:00
  }, 40_000);

  test('the failing streetlight and the silent noise sensor have open alerts, and the lamp asked for a report', async () => {
    const open = await eventually(
      () =>
        fetchJson<{ items: { sensorId: string; reportRequested: boolean }[] }>(`${T}/sensor-alerts?state=open`, {
          token: agent,
        }),
      (r) => ['sl-daurade-2', 'noise-borderouge'].every((id) => r.body.items.some((a) => a.sensorId === id)),
      30_000,
    );
    expect(open.body.items.find((a) => a.sensorId === 'sl-daurade-2')?.reportRequested).toBe(true);
  }, 40_000);
});

describe('who may call what', () => {
  test('pushing observations without an API key is a 401 problem', async () => {
    const response = await fetchJson(`${T}/observations`, {
      json: {
        observations: [
          { sensorId: 'air-capitole', property: 'no2', value: 1, unit: 'GQ', observedAt: new Date().toISOString() },
        ],
      },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  test('an agent may read alert rules but not write them; a citizen may not read alerts', async () => {
    expect((await fetchJson(`${T}/sensor-alert-rules`, { token: agent })).status).toBe(200);
    const write = await fetchJson(`${T}/sensor-alert-rules/x-rule`, {
      method: 'PUT',
      token: agent,
      json: { name: 'x', type: 'Streetlight', property: 'status', operator: 'EQ', threshold: 'ok' },
    });
    expect(write.status).toBe(403);
    const citizen = await getToken({ role: 'citizen' });
    expect((await fetchJson(`${T}/sensor-alerts`, { token: citizen })).status).toBe(403);
  });
});

test('a demo sensor as an NGSI-LD entity, with its Smart Data Models context', async () => {
  // The demo history is written in the background after the first start: wait for the lamp's.
  const response = await eventually(
    () =>
      fetchJson<Record<string, unknown>>(`/ngsi-ld/v1/entities/urn:ngsi-ld:Streetlight:${SIREN}:sl-daurade-2`, {
        headers: { accept: 'application/ld+json' },
      }),
    (r) => r.body.status !== undefined,
    30_000,
  );
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/ld+json');
  expect(response.body).toMatchObject({
    type: 'Streetlight',
    status: { type: 'Property', value: 'defectiveLamp' },
    '@context': expect.arrayContaining(['https://smartdatamodels.org/context.jsonld']),
  });
}, 40_000);
