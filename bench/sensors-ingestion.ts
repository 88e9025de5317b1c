/**
 * Observations per second end to end (partner HTTP POST → queue → consumer → DynamoDB Local), next
 * to raw BatchWriteItem of as many items into the same DynamoDB Local, in the same run. Run by
 * bench/run.ts in a process of its own (the platform's modules read their configuration when
 * imported, and the local runtime sets it); prints one JSON line. Alone: `npx tsx bench/sensors-ingestion.ts`.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { startLocalPlatform } from '../infra/local/platform';

const OBSERVATIONS = Number(process.env.BENCH_OBSERVATIONS ?? 10_000);
const SENSORS = 50;
const BATCH = 500;
const CONCURRENT_REQUESTS = 4;
const SIREN = '243100518';

export interface IngestionFigures {
  readonly observations: number;
  /** All batches acknowledged (202), observations per second. */
  readonly acceptedPerSecond: number;
  /** All written (queue drained), observations per second. */
  readonly endToEndPerSecond: number;
  /** Raw BatchWriteItem of as many point items, items per second. */
  readonly batchWritePerSecond: number;
}

const inParallel = async <T>(items: readonly T[], limit: number, work: (item: T) => Promise<unknown>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
};

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
    const { sensors } = await import('../shared/sensors/sensors-app');
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

    const depth = async () =>
      (
        (await (await fetch(`${platform.url}/_local/queues`)).json()) as Record<
          string,
          { visible: number; inFlight: number; dlq: number }
        >
      )['sensor-observations']!;
    const began = performance.now();
    await inParallel(batches, CONCURRENT_REQUESTS, async (observations) => {
      const response = await fetch(`${platform.url}/territories/${SIREN}/observations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key },
        body: JSON.stringify({ observations }),
      });
      if (response.status !== 202)
        throw new Error(`POST observations answered ${response.status}: ${await response.text()}`);
    });
    const accepted = performance.now();
    for (;;) {
      const d = await depth();
      if (d.dlq > 0) throw new Error('a batch reached the DLQ');
      if (d.visible === 0 && d.inFlight === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const written = performance.now();

    // Baseline: the same number of point-shaped items, BatchWriteItem 25 at a time, as many in flight.
    const items = batches.flat().map((o, i) => ({
      pk: `BENCH#${o.sensorId}#POINTS#${o.observedAt.slice(0, 10)}`,
      sk: `no2#${o.observedAt}#${i}`,
      value: o.value,
      expiresAt: 1,
    }));
    const requests = Array.from({ length: Math.ceil(items.length / 25) }, (_, i) => items.slice(i * 25, i * 25 + 25));
    const rawBegan = performance.now();
    await inParallel(requests, CONCURRENT_REQUESTS, async (chunk) => {
      let pending = chunk.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length > 0) {
        const result = await dynamo.send(new BatchWriteCommand({ RequestItems: { [TABLE_NAME]: pending } }));
        pending = (result.UnprocessedItems?.[TABLE_NAME] ?? []) as typeof pending;
      }
    });
    const rawEnded = performance.now();

    return {
      observations: OBSERVATIONS,
      acceptedPerSecond: (OBSERVATIONS / (accepted - began)) * 1000,
      endToEndPerSecond: (OBSERVATIONS / (written - began)) * 1000,
      batchWritePerSecond: (items.length / (rawEnded - rawBegan)) * 1000,
    };
  } finally {
    await platform.stop();
    await ownDynamoDb?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
};

console.log(JSON.stringify(await main()));
process.exit(0);
