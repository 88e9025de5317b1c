/**
 * `npm run bench`: figures measured on this machine, each next to a baseline run in the same
 * process against the same DynamoDB Local, so the ratio means something across machines.
 *
 * - locate: a point → its commune (one Query of the communes, a BatchGet of the candidate
 *   boundaries, point in polygon), against the baseline of one raw GetItem.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { createTableIfAbsent, localDynamoDbClient } from '../infra/local/table';

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
  } finally {
    await dynamoDb.stop();
  }
};

await main();
