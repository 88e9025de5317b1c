/**
 * Observations per second end to end (partner HTTP POST → queue → consumer → DynamoDB Local), next
 * to raw BatchWriteItem of as many items into the same DynamoDB Local, in the same run:
 * - `endToEnd`: points, latest values and dirty marks stored, the observation queue drained; every
 *   read, rollups included, is exact from then on;
 * - `withRollups`: the same time plus the materializer's work on what the run left dirty (run here,
 *   on the marks found, instead of after the rollups' queue's 15-minute delay: that wait is idle,
 *   and it is what gathers a busy hour's writes into one recompute).
 * Run by bench/run.ts in a process of its own (the platform's modules read their configuration
 * when imported, and the local runtime sets it); prints one JSON line.
 * Alone: `node --import tsx bench/sensors-ingestion.ts`.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { startLocalPlatform } from '../infra/local/platform';
import { chunksOf, inParallel } from '../shared/kernel/in-parallel';

const OBSERVATIONS = Number(process.env.BENCH_OBSERVATIONS ?? 10_000);
const SENSORS = 50;
const BATCH = 500;
const CONCURRENT_REQUESTS = 4;
const SIREN = '243100518';

export interface IngestionFigures {
  readonly observations: number;
  /** All batches acknowledged (202), observations per second. */
  readonly acceptedPerSecond: number;
  /** All written (observation queue drained; reads exact), observations per second. */
  readonly endToEndPerSecond: number;
  /** All written, then every rollup it left dirty materialized, observations per second. */
  readonly withRollupsPerSecond: number;
  /** What the materializer did: hours and days recomputed, in how long. */
  readonly materialized: { readonly hours: number; readonly days: number; readonly ms: number };
  /** Raw BatchWriteItem of as many point items, items per second. */
  readonly batchWritePerSecond: number;
}

const main = async (): Promise<IngestionFigures> => {
  const ownDynamoDb = process.env.DYNAMODB_ENDPOINT
    ? undefined
    : await startDynamoDbLocal({ storage: { inMemory: true } });
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-sensors-'));
  const platform = await startLocalPlatform({
    port: 0,
    dataDir,
    dynamodbEndpoint: process.env.DYNAMODB_ENDPOINT ?? ownDynamoDb!.endpoint,
    tableName: 'ville-ouverte-bench-sensors',
    seed: false,
    pollIntervalMs: 10,
  });
  try {
    process.env.LOG_LEVEL = 'ERROR';
    const { importCommunes } = await import('../shared/territory/import-communes-app');
    const { territory } = await import('../shared/territory/territory-app');
    const { sensors, ingestion } = await import('../shared/sensors/sensors-app');
    const { dirtyPk } = await import('../shared/sensors/sensor-keys');
    const { queryAll } = await import('../shared/runtime/dynamo');
    const { dynamo, TABLE_NAME } = await import('../shared/runtime/dynamo');
    const admin = { sub: 'bench', role: 'admin', territory: SIREN, issuer: 'bench' } as const;
    await importCommunes(admin, SIREN);
    const square = [
      [1.35, 43.55],
      [1.52, 43.55],
      [1.52, 43.67],
      [1.35, 43.67],
      [1.35, 43.55],
    ];
    await territory.setBoundary(admin, SIREN, '31555', { type: 'Polygon', coordinates: [square] }, 'bench');
    await sensors.registerPartner(admin, SIREN, { id: 'bench', name: 'Bench', kind: 'company' });
    const { key } = await sensors.issueApiKey(admin, SIREN, 'bench', 'bench');
    const ids = Array.from({ length: SENSORS }, (_, i) => `bench-${i}`);
    for (const [i, id] of ids.entries()) {
      await sensors.saveSensor(admin, SIREN, id, {
        type: 'AirQualityObserved',
        name: id,
        partnerId: 'bench',
        location: { lat: 43.58 + (i % 10) * 0.005, lon: 1.4 + Math.floor(i / 10) * 0.005 },
        properties: ['no2'],
      });
    }

    // One reading a minute per sensor; each batch holds the same minutes of every sensor.
    const perSensor = OBSERVATIONS / SENSORS;
    const start = Date.now() - (perSensor + 10) * 60_000;
    const reading = (sensor: number, minute: number) => ({
      sensorId: ids[sensor]!,
      property: 'no2',
      value: ((sensor * 31 + minute * 17) % 900) / 10,
      unit: 'GQ',
      observedAt: new Date(start + minute * 60_000).toISOString(),
    });
    const minutesPerBatch = BATCH / SENSORS;
    const batches = Array.from({ length: OBSERVATIONS / BATCH }, (_, b) =>
      ids.flatMap((_, sensor) =>
        Array.from({ length: minutesPerBatch }, (_, m) => reading(sensor, b * minutesPerBatch + m)),
      ),
    );

    const depth = async (queue = 'sensor-observations') =>
      (
        (await (await fetch(`${platform.url}/_local/queues`)).json()) as Record<
          string,
          { visible: number; inFlight: number; dlq: number }
        >
      )[queue]!;
    const drained = async (queue: string) => {
      for (;;) {
        const d = await depth(queue);
        if (d.dlq > 0) throw new Error(`a message of ${queue} reached the DLQ`);
        if (d.visible === 0 && d.inFlight === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const post = (batch: readonly ReturnType<typeof reading>[]) =>
      inParallel(chunksOf(batch, BATCH), CONCURRENT_REQUESTS, async (observations) => {
        const response = await fetch(`${platform.url}/territories/${SIREN}/observations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': key },
          body: JSON.stringify({ observations }),
        });
        if (response.status !== 202)
          throw new Error(`POST observations answered ${response.status}: ${await response.text()}`);
      });

    // Baseline: as many point-shaped items, BatchWriteItem 25 at a time, as many in flight; `label`
    // keeps each run's items apart. Timed before and after the platform's run (the load of this
    // shared machine drifts), the figure is their mean.
    const rawWrite = async (label: string) => {
      const items = batches.flat().map((o, i) => ({
        pk: `BENCH-${label}#${o.sensorId}#POINTS#${o.observedAt.slice(0, 10)}`,
        sk: `no2#${o.observedAt}#${i}`,
        value: o.value,
        expiresAt: 1,
      }));
      const began = performance.now();
      await inParallel(chunksOf(items, 25), CONCURRENT_REQUESTS, async (chunk) => {
        let pending = chunk.map((Item) => ({ PutRequest: { Item } }));
        while (pending.length > 0) {
          const result = await dynamo.send(new BatchWriteCommand({ RequestItems: { [TABLE_NAME]: pending } }));
          pending = (result.UnprocessedItems?.[TABLE_NAME] ?? []) as typeof pending;
        }
      });
      return performance.now() - began;
    };

    // Warm-up (a fresh DynamoDB Local's JVM and this process's JIT are several times slower at
    // first): raw items, and two batches of every sensor a day earlier than the measured series.
    await rawWrite('WARM');
    await post(
      batches
        .slice(0, 2)
        .flatMap((batch) =>
          batch.map((o) => ({ ...o, observedAt: new Date(Date.parse(o.observedAt) - 86_400_000).toISOString() })),
        ),
    );
    await drained('sensor-observations');

    const rawBefore = await rawWrite('BEFORE');
    const began = performance.now();
    await post(batches.flat());
    const accepted = performance.now();
    await drained('sensor-observations');
    const written = performance.now();

    // The materializer's work on the marks the measured series left, as its delayed messages would name them.
    const marks = (
      await Promise.all(
        ids.map((id) =>
          queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': dirtyPk(SIREN, id) } }),
        ),
      )
    ).flat();
    const firstHour = new Date(start).toISOString().slice(0, 13);
    const hours = marks.flatMap((mark) => {
      const [property, hour] = String(mark.sk).split('#') as [string, string];
      const sensorId = String(mark.pk).split('#')[3]!;
      return hour.length > 10 && hour >= firstHour
        ? [{ territory: SIREN, version: String(mark.version), hours: [{ sensorId, property, hour }] }]
        : [];
    });
    const materializing = performance.now();
    const outcome = await ingestion.materializeRollups(hours);
    const materializedMs = performance.now() - materializing;
    if (outcome.hours !== hours.length)
      throw new Error(`${hours.length - outcome.hours} dirty hour(s) not materialized`);
    const rawAfter = await rawWrite('AFTER');

    return {
      observations: OBSERVATIONS,
      acceptedPerSecond: (OBSERVATIONS / (accepted - began)) * 1000,
      endToEndPerSecond: (OBSERVATIONS / (written - began)) * 1000,
      withRollupsPerSecond: (OBSERVATIONS / (written - began + materializedMs)) * 1000,
      materialized: { hours: outcome.hours, days: outcome.days, ms: materializedMs },
      batchWritePerSecond: ((2 * OBSERVATIONS) / (rawBefore + rawAfter)) * 1000,
    };
  } finally {
    await platform.stop();
    await ownDynamoDb?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
};

console.log(JSON.stringify(await main()));
process.exit(0);
