/**
 * Rollups materialized from the points against DynamoDB Local: a write marks the hours it touches
 * dirty, the materializer recomputes them (then their days); reads are exact before and after it
 * runs; an hour marked again — before or while it is recomputed — is not cleaned with a stale
 * rollup; a redelivered batch changes nothing; the first value stored for an instant stays.
 */
import { jest } from '@jest/globals';
import type { AcceptedObservation, RollupView } from '../../shared/sensors/sensors';
import { admin, batchOf, recentHour, setUpSensors, SIREN } from '../support/sensors-fixtures';

type Context = Awaited<ReturnType<typeof setUpSensors>>;
let sensors: Context['sensors'];
let ingestion: Context['ingestion'];
let invalidations: Context['invalidations'];
let materialize: Context['materialize'];
let dirtyMarks: (sensorId: string) => Promise<string[]>;
let dynamoModule: typeof import('../../shared/runtime/dynamo');

beforeAll(async () => {
  let partnerWithKey: Context['partnerWithKey'];
  ({ sensors, ingestion, invalidations, materialize, partnerWithKey } = await setUpSensors('sensors-rollups'));
  dynamoModule = await import('../../shared/runtime/dynamo');
  const { dirtyPk } = await import('../../shared/sensors/sensor-keys');
  // The marks as stored (this test's own fresh table): what is still to be materialized.
  dirtyMarks = async (sensorId) =>
    (
      await dynamoModule.queryAll({
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': dirtyPk(SIREN, sensorId) },
        ConsistentRead: true,
      })
    ).map((item) => String(item.sk));
  await partnerWithKey('atmo');
  const station = { type: 'AirQualityObserved' as const, partnerId: 'atmo', location: { lat: 43.6045, lon: 1.4442 } };
  for (const id of ['air-1', 'air-2', 'air-3', 'air-4', 'air-5'])
    await sensors.saveSensor(admin, SIREN, id, { ...station, name: id, properties: ['no2'] });
});

afterEach(() => jest.restoreAllMocks());

/** Values in tenths, so the expected sums are computed exactly with integers. */
const reading = (sensorId: string, at: number, tenths: number): AcceptedObservation => ({
  sensorId,
  property: 'no2',
  value: tenths / 10,
  observedAt: new Date(at).toISOString(),
});

const decimal = (t: number) => Number(`${Math.trunc(t / 10)}.${t % 10}`);

/** Rollups computed here from the distinct points, oldest first. */
const expected = (points: readonly AcceptedObservation[], bucketOf: (iso: string) => string) => {
  const buckets = new Map<string, number[]>();
  for (const p of points)
    buckets.set(bucketOf(p.observedAt), [...(buckets.get(bucketOf(p.observedAt)) ?? []), p.value as number]);
  return [...buckets.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([start, values]) => ({
      start,
      count: values.length,
      min: Math.min(...values),
      max: Math.max(...values),
      sum: decimal(values.reduce((total, v) => total + Math.round(v * 10), 0)),
    }));
};

const read = async (sensorId: string, resolution: 'hour' | 'day', query: { limit?: number; cursor?: string } = {}) =>
  sensors.series(SIREN, sensorId, 'no2', {
    resolution,
    from: new Date(recentHour(72)),
    to: new Date(),
    limit: query.limit ?? 1000,
    cursor: query.cursor,
  });

const rollups = async (sensorId: string, resolution: 'hour' | 'day') =>
  ((await read(sensorId, resolution)).items as RollupView[]).map(({ start, count, min, max, sum }) => ({
    start: resolution === 'hour' ? start.slice(0, 13) : start.slice(0, 10),
    count,
    min,
    max,
    sum,
  }));

const expectExact = async (sensorId: string, points: readonly AcceptedObservation[]) => {
  expect(await rollups(sensorId, 'hour')).toEqual(expected(points, (t) => t.slice(0, 13)));
  expect(await rollups(sensorId, 'day')).toEqual(expected(points, (t) => t.slice(0, 10)));
};

test('dirty hours read exact from their points, are recomputed exactly, then their days, and nothing stays dirty', async () => {
  // Three hours (from 26 hours ago: they may straddle a UTC midnight, so one or two days).
  const points = Array.from({ length: 36 }, (_, i) =>
    reading('air-1', recentHour(26) + i * 5 * 60_000 + 7_000, 100 + ((i * 37) % 90)),
  );
  await ingestion.writeObservations(batchOf(points));
  expect(await dirtyMarks('air-1')).toHaveLength(3);
  await expectExact('air-1', points); // before the materializer: computed from the points

  const outcome = await materialize();
  expect(outcome).toMatchObject({ hours: 3, skipped: 0 });
  expect(outcome.days).toBeGreaterThanOrEqual(1);
  expect(await dirtyMarks('air-1')).toEqual([]);
  await expectExact('air-1', points); // after: read as stored

  // Late data in a clean hour: exact at once, and again once materialized.
  const late = reading('air-1', recentHour(25) + 59 * 60_000, 3);
  await ingestion.writeObservations(batchOf([late]));
  await expectExact('air-1', [...points, late]);
  expect(await materialize()).toMatchObject({ hours: 1, skipped: 0 });
  expect(await dirtyMarks('air-1')).toEqual([]);
  await expectExact('air-1', [...points, late]);
});

test('an hour marked again before its message is handled waits for the later message', async () => {
  const first = [reading('air-2', recentHour(5) + 60_000, 120), reading('air-2', recentHour(5) + 120_000, 140)];
  await ingestion.writeObservations(batchOf(first));
  const [earlier] = invalidations.splice(0);
  const second = [reading('air-2', recentHour(5) + 180_000, 90)];
  await ingestion.writeObservations(batchOf(second));
  const [later] = invalidations.splice(0);

  // The first message finds its version superseded: nothing is recomputed, the hour stays dirty.
  expect(await ingestion.materializeRollups([earlier!])).toMatchObject({ hours: 0, skipped: 1 });
  expect(await dirtyMarks('air-2')).toEqual([expect.stringMatching(/T\d\d$/)]);
  await expectExact('air-2', [...first, ...second]);

  expect(await ingestion.materializeRollups([later!])).toMatchObject({ hours: 1, days: 1 });
  expect(await dirtyMarks('air-2')).toEqual([]);
  await expectExact('air-2', [...first, ...second]);
});

test('a point written while its hour is being recomputed is not lost: the hour stays dirty, then is recomputed with it', async () => {
  const first = [reading('air-3', recentHour(4) + 60_000, 200), reading('air-3', recentHour(4) + 600_000, 210)];
  await ingestion.writeObservations(batchOf(first));
  const racing = reading('air-3', recentHour(4) + 900_000, 5);
  // Between the materializer's read of the hour's points and its transaction, a writer stores a
  // point of that hour and marks it again.
  const { dynamo } = dynamoModule;
  const send = dynamo.send.bind(dynamo);
  let raced = false;
  jest.spyOn(dynamo, 'send').mockImplementation((async (command: object, ...rest: unknown[]) => {
    if (!raced && command.constructor.name === 'TransactWriteCommand') {
      raced = true;
      await ingestion.writeObservations(batchOf([racing]));
    }
    return (send as (...args: unknown[]) => Promise<unknown>)(command, ...rest);
  }) as never);
  const pending = invalidations.splice(0, 1);
  expect(await ingestion.materializeRollups(pending)).toMatchObject({ hours: 0, skipped: 1 });
  jest.restoreAllMocks();
  expect(raced).toBe(true);

  // The stale rollup was not kept as clean: the hour is still dirty, and reads see all three points.
  expect(await dirtyMarks('air-3')).toEqual([expect.stringMatching(/T\d\d$/)]);
  await expectExact('air-3', [...first, racing]);
  expect(await materialize()).toMatchObject({ hours: 1, days: 1 });
  expect(await dirtyMarks('air-3')).toEqual([]);
  await expectExact('air-3', [...first, racing]);
});

test('a redelivered batch writes no point and changes no rollup, materialized or not', async () => {
  const points = Array.from({ length: 20 }, (_, i) => reading('air-4', recentHour(10) + i * 6 * 60_000, 50 + i));
  const batch = batchOf(points);
  expect(await ingestion.writeObservations(batch)).toMatchObject({ written: 20 });
  await materialize();
  const before = [await rollups('air-4', 'hour'), await rollups('air-4', 'day')];

  expect(await ingestion.writeObservations(batch)).toMatchObject({ received: 20, written: 0 });
  expect([await rollups('air-4', 'hour'), await rollups('air-4', 'day')]).toEqual(before);
  await materialize();
  expect([await rollups('air-4', 'hour'), await rollups('air-4', 'day')]).toEqual(before);
  await expectExact('air-4', points);
});

test('a second, different value for an instant already stored is ignored: the first stays, in the points and the rollups', async () => {
  const at = recentHour(8) + 30 * 60_000;
  await ingestion.writeObservations(batchOf([reading('air-5', at, 100)]));
  expect(await ingestion.writeObservations(batchOf([reading('air-5', at, 990)]))).toMatchObject({ written: 0 });
  const raw = await sensors.series(SIREN, 'air-5', 'no2', {
    resolution: 'raw',
    from: new Date(recentHour(9)),
    to: new Date(),
    limit: 10,
  });
  expect(raw.items).toEqual([{ value: 10, observedAt: new Date(at).toISOString() }]);
  await materialize();
  await expectExact('air-5', [reading('air-5', at, 100)]);
});

test('hourly rollups read a page at a time with dirty hours among them, without gaps or repeats', async () => {
  // air-1 holds 3 clean hours; make one of them and a new one dirty, then page by 1.
  await ingestion.writeObservations(
    batchOf([reading('air-1', recentHour(26) + 30_000, 7), reading('air-1', recentHour(20) + 30_000, 8)]),
  );
  const whole = (await read('air-1', 'hour')).items as RollupView[];
  const paged: RollupView[] = [];
  let cursor: string | undefined;
  do {
    const page = await read('air-1', 'hour', { limit: 1, cursor });
    paged.push(...(page.items as RollupView[]));
    cursor = page.cursor;
  } while (cursor);
  expect(paged).toEqual(whole);
  expect(whole).toHaveLength(4);
  await materialize();
  expect((await read('air-1', 'hour')).items).toEqual(whole);
});
