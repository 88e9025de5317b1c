/**
 * Writing observations against DynamoDB Local: one point per sensor, property and time however
 * many times a batch arrives and in whatever order, exact hourly and daily rollups, the newest
 * value kept, and a poison message in the DLQ without holding back the rest.
 */
import { jest } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SQSEvent } from 'aws-lambda';
import { freePort } from '../../infra/local/free-port';
import { createGateway, type Gateway } from '../../infra/local/gateway';
import { createHandlerLoader } from '../../infra/local/handler-loader';
import { createLambdaContext } from '../../infra/local/lambda-context';
import { openLocalQueues, type LocalQueues } from '../../infra/local/queues/local-queues';
import type { AcceptedObservation, RollupView } from '../../shared/sensors/sensors';
import { consumerDeclarations } from '../../shared/wiring/consumers';
import { eventually } from '../support/eventually';
import { admin, batchOf, recentHour, setUpSensors, shuffle, SIREN, sqsEventOf } from '../support/sensors-fixtures';

const consumer = consumerDeclarations.writeObservations;

let dataDir: string;
let port: number;
let gateway: Gateway;
let queues: LocalQueues;
type Context = Awaited<ReturnType<typeof setUpSensors>>;
let sensors: Context['sensors'];
let ingestion: Context['ingestion'];
let sendMessages: (typeof import('../../shared/runtime/queue'))['sendMessages'];
let writeHandler: (event: SQSEvent) => Promise<unknown>;

const depth = async () =>
  (
    (await (await fetch(`http://127.0.0.1:${port}/_local/queues`)).json()) as Record<
      string,
      { visible: number; inFlight: number; dlq: number }
    >
  )[consumer.queue]!;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'sensors-ingestion-'));
  port = await freePort();
  // The writer also sends the hours it marks dirty to the materializer's queue (delayed 15 min: not run here).
  queues = await openLocalQueues({
    consumers: [consumer, consumerDeclarations.materializeSensorRollups],
    dataDir,
    baseUrl: `http://127.0.0.1:${port}`,
  });
  gateway = createGateway({ routes: [], loadHandler: createHandlerLoader(), localRoutes: queues.routes });
  await gateway.listen(port);
  Object.assign(process.env, { QUEUE_URLS: JSON.stringify(queues.queueUrls), SQS_ENDPOINT: queues.sqsEndpoint });
  process.env.LOG_LEVEL = 'SILENT'; // the poison message is logged at each of its five receives
  let partnerWithKey: Context['partnerWithKey'];
  ({ sensors, ingestion, partnerWithKey } = await setUpSensors('sensors-ingestion'));
  ({ sendMessages } = await import('../../shared/runtime/queue'));
  const { handler } = await import('../../functions/sensors/write-observations');
  writeHandler = (event) => handler(event, createLambdaContext(consumer.id, 30_000));

  await partnerWithKey('atmo');
  const station = { type: 'AirQualityObserved' as const, partnerId: 'atmo', location: { lat: 43.6045, lon: 1.4442 } };
  await sensors.saveSensor(admin, SIREN, 'air-1', { ...station, name: 'Capitole', properties: ['no2', 'pm10'] });
  await sensors.saveSensor(admin, SIREN, 'air-2', { ...station, name: 'Matabiau', properties: ['no2'] });
  await sensors.saveSensor(admin, SIREN, 'air-3', { ...station, name: 'Compans', properties: ['no2'] });
});

afterAll(async () => {
  await queues.stopPollers();
  await gateway.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Values in tenths, so the expected sums are computed exactly with integers. */
const series = (sensorId: string, property: string, start: number, everyMinutes: number, count: number, seed: number) =>
  Array.from({ length: count }, (_, i): AcceptedObservation => ({
    sensorId,
    property,
    value: ((seed * (i + 7) * 7919) % 900) / 10 + 5,
    observedAt: new Date(start + i * everyMinutes * 60_000).toISOString(),
  }));

const tenths = (value: number) => Math.round(value * 10);
const decimal = (t: number) => Number(`${Math.trunc(t / 10)}.${t % 10}`);

/** Rollups computed here from the distinct points, the way the store must end up. */
const expectedRollups = (points: readonly AcceptedObservation[], bucketOf: (iso: string) => string) => {
  const buckets = new Map<string, number[]>();
  for (const p of points)
    buckets.set(bucketOf(p.observedAt), [...(buckets.get(bucketOf(p.observedAt)) ?? []), p.value as number]);
  return [...buckets.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, values]) => ({
      count: values.length,
      min: Math.min(...values),
      max: Math.max(...values),
      sum: decimal(values.reduce((total, v) => total + tenths(v), 0)),
    }));
};

const storedRollups = async (sensorId: string, property: string, resolution: 'hour' | 'day', from: number) => {
  const page = await sensors.series(SIREN, sensorId, property, {
    resolution,
    from: new Date(from - 86_400_000),
    to: new Date(),
    limit: 1000,
  });
  return (page.items as RollupView[]).map(({ count, min, max, sum }) => ({ count, min, max, sum }));
};

describe('the same batch delivered three times, shuffled', () => {
  const start = recentHour(31) + 17 * 60_000; // not on the hour: the first and last hours are partial
  const points = [
    ...series('air-1', 'no2', start, 5, 360, 3), // 30 hours, across a day boundary
    ...series('air-1', 'pm10', start, 30, 60, 5),
    ...series('air-2', 'no2', start, 10, 180, 11),
  ];

  beforeAll(async () => {
    const [first, second] = [points.slice(0, 300), points.slice(300)];
    expect(await writeHandler(sqsEventOf(batchOf(first), batchOf(second)))).toEqual({ batchItemFailures: [] });
    // Again, shuffled, in three messages written in parallel (they compete for the same rollups).
    const shuffled = shuffle(points, 42);
    const thirds = [shuffled.slice(0, 200), shuffled.slice(200, 400), shuffled.slice(400)].map((o) => batchOf(o));
    expect(await writeHandler(sqsEventOf(...thirds))).toEqual({ batchItemFailures: [] });
  });

  test('a third delivery, newest first, writes nothing new', async () => {
    const reversed = [...points].reverse();
    expect(await ingestion.writeObservations(batchOf(reversed.slice(0, 500)))).toEqual({
      received: 500,
      written: 0,
      dropped: 0,
      rejected: 0,
      alertsOpened: 0,
    });
    expect(await ingestion.writeObservations(batchOf(reversed.slice(500)))).toEqual({
      received: 100,
      written: 0,
      dropped: 0,
      rejected: 0,
      alertsOpened: 0,
    });
  });

  test('each sensor, property and time is one raw point', async () => {
    const page = await sensors.series(SIREN, 'air-1', 'no2', {
      resolution: 'raw',
      from: new Date(start),
      to: new Date(),
      limit: 1000,
    });
    expect(page.items).toHaveLength(360);
    expect(new Set(page.items.map((p) => (p as { observedAt: string }).observedAt)).size).toBe(360);
    expect(page.cursor).toBeUndefined();
  });

  test.each([
    ['air-1', 'no2'],
    ['air-1', 'pm10'],
    ['air-2', 'no2'],
  ])('hourly and daily rollups of %s %s are exact', async (sensorId, property) => {
    const mine = points.filter((p) => p.sensorId === sensorId && p.property === property);
    expect(await storedRollups(sensorId, property, 'hour', start)).toEqual(
      expectedRollups(mine, (t) => t.slice(0, 13)),
    );
    expect(await storedRollups(sensorId, property, 'day', start)).toEqual(expectedRollups(mine, (t) => t.slice(0, 10)));
  });

  test('the latest value is the newest point', async () => {
    const newest = points.filter((p) => p.sensorId === 'air-1' && p.property === 'no2').at(-1)!;
    expect((await sensors.getSensor(SIREN, 'air-1')).latest.no2).toEqual({
      value: newest.value,
      observedAt: newest.observedAt,
    });
  });

  test('a raw series is paged with a cursor, across day partitions, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await sensors.series(SIREN, 'air-1', 'no2', {
        resolution: 'raw',
        from: new Date(start),
        to: new Date(),
        limit: 70,
        cursor,
      });
      seen.push(...page.items.map((p) => (p as { observedAt: string }).observedAt));
      cursor = page.cursor;
    } while (cursor);
    expect(seen).toHaveLength(360);
    expect([...seen].sort()).toEqual(seen);
  });
});

test('values arriving out of order leave the newest as the latest', async () => {
  const [older, newer, newest] = series('air-3', 'no2', recentHour(5), 60, 3, 13);
  await ingestion.writeObservations(batchOf([newer!]));
  await ingestion.writeObservations(batchOf([older!]));
  expect((await sensors.getSensor(SIREN, 'air-3')).latest.no2?.observedAt).toBe(newer!.observedAt);
  await ingestion.writeObservations(batchOf([newest!]));
  expect((await sensors.getSensor(SIREN, 'air-3')).latest.no2?.observedAt).toBe(newest!.observedAt);
});

test('a newer value stored by another writer while a batch advances the latest values is kept', async () => {
  const [ours] = series('air-1', 'no2', Date.now() - 50_000, 1, 1, 29);
  const [other] = series('air-2', 'no2', Date.now() - 50_000, 1, 1, 31);
  const [newer] = series('air-1', 'no2', Date.now() - 10_000, 1, 1, 37);
  // Between the batch's read of the latest values and its write of them (one transaction for its
  // two sensors), another writer makes a newer value air-1's latest.
  const { dynamo } = await import('../../shared/runtime/dynamo');
  const send = dynamo.send.bind(dynamo);
  let raced = false;
  jest.spyOn(dynamo, 'send').mockImplementation((async (command: object, ...rest: unknown[]) => {
    if (!raced && command.constructor.name === 'TransactWriteCommand') {
      raced = true;
      await ingestion.writeObservations(batchOf([newer!]));
    }
    return (send as (...args: unknown[]) => Promise<unknown>)(command, ...rest);
  }) as never);
  try {
    expect(await ingestion.writeObservations(batchOf([ours!, other!]))).toMatchObject({ written: 2 });
  } finally {
    jest.restoreAllMocks();
  }
  expect(raced).toBe(true);
  expect((await sensors.getSensor(SIREN, 'air-1')).latest.no2).toEqual({
    value: newer!.value,
    observedAt: newer!.observedAt,
  });
  expect((await sensors.getSensor(SIREN, 'air-2')).latest.no2).toEqual({
    value: other!.value,
    observedAt: other!.observedAt,
  });
});

test('readings of a sensor removed since the batch was accepted are dropped, and counted', async () => {
  const [reading] = series('air-3', 'no2', recentHour(2) + 7_000, 1, 1, 19);
  const gone = { ...reading!, sensorId: 'air-removed' };
  expect(await ingestion.writeObservations(batchOf([reading!, gone]))).toEqual({
    received: 2,
    written: 1,
    dropped: 1,
    rejected: 0,
    alertsOpened: 0,
  });
});

test('a few readings among a denser stored series: only the new instants are written, the stored ones keep their first value', async () => {
  const station = { type: 'AirQualityObserved' as const, partnerId: 'atmo', location: { lat: 43.6045, lon: 1.4442 } };
  await sensors.saveSensor(admin, SIREN, 'air-4', { ...station, name: 'Jolimont', properties: ['no2'] });
  const hour = recentHour(4);
  const stored = series('air-4', 'no2', hour, 1, 60, 23); // every minute of one hour (one day partition)
  expect(await ingestion.writeObservations(batchOf(stored))).toMatchObject({ written: 60 });

  // Eight readings spread over the hour (the store reads far fewer stored points than lie between
  // them, then looks the rest up): three instants already stored, sent with other values, five new.
  const at = (minute: number, second = 0) => new Date(hour + minute * 60_000 + second * 1000).toISOString();
  const again = [0, 30, 59].map((minute) => ({ ...stored[minute]!, value: 99 }));
  const fresh = [
    [0, 20],
    [7, 20],
    [15, 20],
    [45, 20],
    [59, 20],
  ].map(([minute, second], i): AcceptedObservation => ({
    sensorId: 'air-4',
    property: 'no2',
    value: 10 + i,
    observedAt: at(minute!, second),
  }));
  expect(await ingestion.writeObservations(batchOf(shuffle([...again, ...fresh], 5)))).toMatchObject({
    received: 8,
    written: 5,
  });

  const page = await sensors.series(SIREN, 'air-4', 'no2', {
    resolution: 'raw',
    from: new Date(hour),
    to: new Date(),
    limit: 1000,
  });
  const all = [...stored, ...fresh].sort((a, b) => (a.observedAt < b.observedAt ? -1 : 1));
  expect(page.items).toEqual(all.map(({ value, observedAt }) => ({ value, observedAt })));
  expect(await storedRollups('air-4', 'no2', 'hour', hour)).toEqual(expectedRollups(all, (t) => t.slice(0, 13)));
});

test('a poison message ends in the DLQ without holding back the rest of its batch', async () => {
  queues.startPollers({ loadHandler: createHandlerLoader(), pollIntervalMs: 20, visibilityTimeoutSeconds: 0 });
  const [reading] = series('air-3', 'no2', recentHour(1) + 123_000, 1, 1, 17);
  await sendMessages(consumer.queue, [
    { id: 'poison', body: '{"territory":"not a siren"}' },
    { id: 'good', body: JSON.stringify(batchOf([reading!])) },
  ]);
  await eventually(depth, (d) => d.visible === 0 && d.inFlight === 0 && d.dlq === 1, 15_000);
  expect((await sensors.getSensor(SIREN, 'air-3')).latest.no2?.observedAt).toBe(reading!.observedAt);
});
