/**
 * A partner pushes 10 000 observations over HTTP through the local runtime (`npm start`'s, with its
 * durable queue and the real consumer): all of them readable, rollups exact, nothing in the DLQ.
 */
import { eventually } from '../support/eventually';
import { fetchJson, getToken } from '../support/http';

const SIREN = '243100518';
const T = `/territories/${SIREN}`;
const SENSORS = 20;
const PER_SENSOR = 500;
const BATCH = 500;
const CONCURRENT_REQUESTS = 4;

const run = Date.now().toString(36);
const partnerId = `e2e-${run}`;
const sensorIds = Array.from({ length: SENSORS }, (_, i) => `e2e-${run}-${i}`);
/** One reading a minute per sensor, ending a little before now (older than 7 days is refused). */
const start = Date.now() - (PER_SENSOR + 30) * 60_000;

/** Tenths, so the expected sums are exact integers. */
const tenthsOf = (sensor: number, minute: number) => ((sensor * 7919 + minute * 104729) % 1500) + 50;
const observation = (sensor: number, minute: number) => ({
  sensorId: sensorIds[sensor]!,
  property: 'no2',
  value: tenthsOf(sensor, minute) / 10,
  unit: 'GQ',
  observedAt: new Date(start + minute * 60_000).toISOString(),
});

interface Rollup {
  start: string;
  count: number;
  min: number;
  max: number;
  sum: number;
}

const expectedRollups = (sensor: number, bucketOf: (iso: string) => string) => {
  const buckets = new Map<string, number[]>();
  for (let minute = 0; minute < PER_SENSOR; minute++) {
    const bucket = bucketOf(new Date(start + minute * 60_000).toISOString());
    buckets.set(bucket, [...(buckets.get(bucket) ?? []), tenthsOf(sensor, minute)]);
  }
  return [...buckets.values()].map((tenths) => ({
    count: tenths.length,
    min: Math.min(...tenths) / 10,
    max: Math.max(...tenths) / 10,
    sum: tenths.reduce((a, b) => a + b, 0) / 10,
  }));
};

const queueDepth = async () =>
  (await fetchJson<Record<string, { visible: number; inFlight: number; dlq: number }>>('/_local/queues')).body[
    'sensor-observations'
  ]!;

let key: string;

beforeAll(async () => {
  const admin = await getToken({ role: 'admin', territory: SIREN });
  const partner = await fetchJson(`${T}/sensor-partners`, {
    token: admin,
    json: { id: partnerId, name: 'E2E gateway', kind: 'startup' },
  });
  expect(partner.status).toBe(201);
  const issued = await fetchJson<{ key: string }>(`${T}/sensor-partners/${partnerId}/api-keys`, {
    token: admin,
    json: { label: 'e2e' },
  });
  expect(issued.status).toBe(201);
  key = issued.body.key;
  for (const [i, id] of sensorIds.entries()) {
    const saved = await fetchJson(`${T}/sensors/${id}`, {
      method: 'PUT',
      token: admin,
      json: {
        type: 'AirQualityObserved',
        name: `E2E station ${i}`,
        partnerId,
        location: { lat: 43.58 + i * 0.002, lon: 1.42 + i * 0.002 },
        properties: ['no2'],
      },
    });
    expect(saved.status).toBe(200);
  }
}, 60_000);

test('10 000 observations pushed in batches of 500 are all accepted, written once, with exact rollups and nothing in the DLQ', async () => {
  // Each batch holds 25 minutes of every sensor, as a gateway flushing its buffer would send them;
  // the batches go out of order, several at once, so the consumer's writers meet on the same rollups.
  const perBatch = BATCH / SENSORS;
  const batches = Array.from({ length: PER_SENSOR / perBatch }, (_, b) =>
    sensorIds.flatMap((_, sensor) => Array.from({ length: perBatch }, (_, m) => observation(sensor, b * perBatch + m))),
  ).reverse();
  const statuses: number[] = [];
  for (let i = 0; i < batches.length; i += CONCURRENT_REQUESTS) {
    const responses = await Promise.all(
      batches
        .slice(i, i + CONCURRENT_REQUESTS)
        .map((observations) =>
          fetchJson(`${T}/observations`, { json: { observations }, headers: { 'x-api-key': key } }),
        ),
    );
    statuses.push(...responses.map((r) => r.status));
  }
  expect(statuses).toEqual(batches.map(() => 202));

  await eventually(queueDepth, (d) => d.visible === 0 && d.inFlight === 0, 90_000);
  expect((await queueDepth()).dlq).toBe(0);

  const range = `from=${new Date(start - 86_400_000).toISOString()}&to=${new Date().toISOString()}`;
  let points = 0;
  for (const [sensor, id] of sensorIds.entries()) {
    const raw = await fetchJson<{ items: unknown[]; cursor?: string }>(
      `${T}/sensors/${id}/series?property=no2&limit=1000&from=${new Date(start).toISOString()}`,
    );
    points += raw.body.items.length;
    expect(raw.body.cursor).toBeUndefined();
    for (const [resolution, bucketOf] of [
      ['hour', (t: string) => t.slice(0, 13)],
      ['day', (t: string) => t.slice(0, 10)],
    ] as const) {
      const rollups = await fetchJson<{ items: Rollup[] }>(
        `${T}/sensors/${id}/series?property=no2&resolution=${resolution}&limit=1000&${range}`,
      );
      expect(rollups.body.items.map(({ count, min, max, sum }) => ({ count, min, max, sum }))).toEqual(
        expectedRollups(sensor, bucketOf),
      );
    }
  }
  expect(points).toBe(SENSORS * PER_SENSOR);

  const latest = await fetchJson<{ latest: { no2: { value: number; observedAt: string } } }>(
    `${T}/sensors/${sensorIds[3]}`,
  );
  expect(latest.body.latest.no2).toEqual({
    value: tenthsOf(3, PER_SENSOR - 1) / 10,
    observedAt: new Date(start + (PER_SENSOR - 1) * 60_000).toISOString(),
  });
}, 180_000);

describe('what the table cannot hold is refused at acceptance; the rejections are the admins’ to see', () => {
  test('a batch with 1e308, 1e-200 or 2^53 + 1 is refused whole (400, each index named), nothing queued', async () => {
    const now = new Date(Date.now() - 60_000).toISOString();
    const point = (value: number) => ({ sensorId: sensorIds[0]!, property: 'no2', value, unit: 'GQ', observedAt: now });
    const response = await fetchJson<{ errors: { path: string }[] }>(`${T}/observations`, {
      headers: { 'x-api-key': key },
      json: { observations: [point(43.43), point(1e308), point(1e-200), point(9007199254740993)] },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e) => e.path)).toEqual([
      'body.observations.1.value',
      'body.observations.2.value',
      'body.observations.3.value',
    ]);
  });

  test('admins list rejections and re-drive one by its id; agents may not; an unknown or malformed id is 404 or 400', async () => {
    const admin = await getToken({ role: 'admin', territory: SIREN });
    const agent = await getToken({ role: 'agent', territory: SIREN });
    const list = await fetchJson<{ items: unknown[] }>(`${T}/sensor-ingestion/rejects?limit=5`, { token: admin });
    expect(list.status).toBe(200);
    expect(Array.isArray(list.body.items)).toBe(true);
    expect((await fetchJson(`${T}/sensor-ingestion/rejects`, { token: agent })).status).toBe(403);
    const redrive = (id: string) =>
      fetchJson(`${T}/sensor-ingestion/rejects/${id}/redrive`, { method: 'POST', token: admin });
    expect((await redrive('0'.repeat(32))).status).toBe(404);
    expect((await redrive('not-an-id')).status).toBe(400);
  });
});
