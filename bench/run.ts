/**
 * `npm run bench`: figures measured on this machine, each next to a baseline run in the same
 * process against the same DynamoDB Local, so the ratio means something across machines.
 *
 * - locate: a point → its commune (one Query of the communes, a BatchGet of the candidate
 *   boundaries, point in polygon), against the baseline of one raw GetItem.
 * - sensors: observations per second end to end (partner POST → queue → consumer → points,
 *   rollups, latest values), against the baseline of raw BatchWriteItem of as many items.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { spawn } from 'node:child_process';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { createTableIfAbsent, localDynamoDbClient } from '../infra/local/table';
import { projectRoot } from '../infra/project-root';
import type { IngestionFigures } from './sensors-ingestion';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 500);

interface Figures {
  readonly opsPerSecond: number;
  readonly medianMs: number;
  readonly p95Ms: number;
}

const measure = async (rounds: number, operation: (i: number) => Promise<unknown>): Promise<Figures> => {
  for (let i = 0; i < 20; i++) await operation(i); // warm-up: JIT, connections
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await operation(i);
    latencies.push(performance.now() - t);
  }
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    opsPerSecond: (rounds / elapsed) * 1000,
    medianMs: latencies[Math.floor(rounds / 2)]!,
    p95Ms: latencies[Math.floor(rounds * 0.95)]!,
  };
};

const line = (name: string, f: Figures) =>
  `${name.padEnd(34)} ${f.opsPerSecond.toFixed(0).padStart(7)} ops/s   median ${f.medianMs.toFixed(2)} ms   p95 ${f.p95Ms.toFixed(2)} ms`;

const rate = (name: string, perSecond: number, unit: string) =>
  `${name.padEnd(40)} ${perSecond.toFixed(0).padStart(7)} ${unit}`;

/** bench/sensors-ingestion.ts against this run's DynamoDB Local; its one JSON line. */
const sensorIngestionFigures = async (dynamodbEndpoint: string): Promise<IngestionFigures> => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/sensors-ingestion.ts'], {
    cwd: projectRoot,
    env: { ...process.env, DYNAMODB_ENDPOINT: dynamodbEndpoint },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const last = output.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !last.startsWith('{'))
    throw new Error(`bench/sensors-ingestion.ts failed (exit ${code}): ${output}`);
  return JSON.parse(last) as IngestionFigures;
};

const main = async () => {
  const dynamoDb = await startDynamoDbLocal({ storage: { inMemory: true } });
  try {
    const tableName = 'ville-ouverte-bench';
    await createTableIfAbsent(localDynamoDbClient(dynamoDb.endpoint), tableName);
    Object.assign(process.env, {
      DYNAMODB_ENDPOINT: dynamoDb.endpoint,
      TABLE_NAME: tableName,
      QUEUE_URLS: '{}',
      LOG_LEVEL: 'ERROR',
    });
    // The platform's modules read their configuration when imported: only now.
    const { seedDemoData, DEMO_SIREN } = await import('../infra/local/demo/seed');
    const { territory } = await import('../shared/territory/territory-app');
    const { dynamo } = await import('../shared/runtime/dynamo');
    await seedDemoData();
    // The demo sensors' history is written in the background: not while locate is measured.
    await (await import('../infra/local/demo/sensors-seed')).demoSensorHistory();

    // Points spread over the demo territory, the same sequence every run.
    let seed = 1;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const points = Array.from({ length: ROUNDS + 20 }, () => [43.52 + random() * 0.2, 1.3 + random() * 0.3] as const);

    const baseline = await measure(ROUNDS, () =>
      dynamo.send(
        new GetCommand({ TableName: tableName, Key: { pk: `TERRITORY#${DEMO_SIREN}`, sk: 'COMMUNE#31555' } }),
      ),
    );
    const locate = await measure(ROUNDS, (i) =>
      territory.locate(DEMO_SIREN, points[i]![0], points[i]![1]).catch(() => undefined),
    );

    console.log(`Ville Ouverte benchmarks — ${ROUNDS} rounds each, DynamoDB Local in memory, one client\n`);
    console.log(line('baseline: GetItem (one commune)', baseline));
    console.log(line('locate a point (37 communes)', locate));
    console.log(`\nlocate / GetItem: ${(locate.medianMs / baseline.medianMs).toFixed(2)}× the median latency`);

    // In a process of its own: it starts the local runtime, which sets the configuration the
    // platform's modules read when first imported (already imported here, for this table).
    const ingestion = await sensorIngestionFigures(dynamoDb.endpoint);
    console.log(
      `\nsensors: ${ingestion.observations} observations pushed over HTTP in batches of 500, 4 requests at a time\n`,
    );
    console.log(rate('baseline: BatchWriteItem (raw items)', ingestion.batchWritePerSecond, 'items/s'));
    console.log(rate('end to end: HTTP → queue → DynamoDB', ingestion.endToEndPerSecond, 'obs/s'));
    console.log(rate('  of which accepted (202, queued)', ingestion.acceptedPerSecond, 'obs/s'));
    console.log(
      `\nend to end / BatchWriteItem: ${(ingestion.endToEndPerSecond / ingestion.batchWritePerSecond).toFixed(2)}× the throughput`,
    );
  } finally {
    await dynamoDb.stop();
  }
};

await main();
