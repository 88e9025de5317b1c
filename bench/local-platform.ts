/**
 * What the page benches share: the local platform started and stopped around the measure, GET
 * requests through the routes' Lambda handlers, and the timing of an operation. Under bench/run.ts
 * the platform uses run.ts's DynamoDB and table, already seeded with the demo data; alone, its own
 * DynamoDB Local and the demo data in a table named after the bench. The platform's modules are
 * imported lazily: the shared modules must be read after the local runtime has set the environment.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type LocalPlatform = Awaited<ReturnType<(typeof import('../infra/local/platform'))['startLocalPlatform']>>;

export const withBenchPlatform = async <T>(name: string, measure: (platform: LocalPlatform) => Promise<T>) => {
  const { startDynamoDbLocal } = await import('../infra/local/dynamodb-local');
  const { startLocalPlatform } = await import('../infra/local/platform');
  const ownDynamoDb = process.env.DYNAMODB_ENDPOINT
    ? undefined
    : await startDynamoDbLocal({ storage: { inMemory: true } });
  const dataDir = await mkdtemp(join(tmpdir(), `bench-${name}-`));
  const platform = await startLocalPlatform({
    port: 0,
    dataDir,
    dynamodbEndpoint: process.env.DYNAMODB_ENDPOINT ?? ownDynamoDb!.endpoint,
    tableName: process.env.BENCH_TABLE_NAME ?? `ville-ouverte-bench-${name}`,
    seed: !process.env.BENCH_TABLE_NAME,
    // A bench calls from this machine faster than a person: the route throttles would answer 429.
    throttleExempt: ['127.0.0.1', '::1'],
  });
  try {
    process.env.LOG_LEVEL = 'ERROR';
    await platform.demoWritten;
    return await measure(platform);
  } finally {
    await platform.stop();
    await ownDynamoDb?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
};

/** GET requests through the routes' Lambda handlers, as the local gateway makes them (after the runtime started). */
export const localGets = async () => {
  const { buildApiGatewayEvent, toHttpResponse } = await import('../infra/local/api-gateway-event');
  const { createHandlerLoader } = await import('../infra/local/handler-loader');
  const { createLambdaContext } = await import('../infra/local/lambda-context');
  const { bySpecificity, compileTemplate } = await import('../infra/local/route-matcher');
  const { routes } = await import('../shared/wiring/index');
  const declared = routes
    .filter((route) => route.method === 'GET')
    .map((route) => ({ route, ...compileTemplate(route.path) }))
    .sort(bySpecificity);
  const loadHandler = createHandlerLoader();
  /** The answer to a GET, with these headers after the host's (name, value, name, value…). */
  const get = async (pathAndQuery: string, headers: readonly string[]) => {
    const [rawPath = '/', rawQueryString = ''] = pathAndQuery.split('?');
    const match = declared.find((entry) => entry.match(rawPath));
    if (!match) throw new Error(`No route for GET ${rawPath}`);
    const rawHeaders = ['host', 'localhost', ...headers];
    const request = { method: 'GET', rawPath, rawQueryString, rawHeaders, body: Buffer.alloc(0) };
    const event = buildApiGatewayEvent(
      { ...request, sourceIp: '127.0.0.1', protocol: 'HTTP/1.1' },
      { routeKey: `GET ${match.route.path}`, pathParameters: match.match(rawPath)! },
    );
    const handler = await loadHandler(match.route.handler);
    return toHttpResponse(await handler(event, createLambdaContext(match.route.id, 10_000)));
  };
  return {
    get,
    routes: declared.map((entry) => entry.route),
    routeOf: (path: string) => declared.find((entry) => entry.match(path))?.route,
  };
};

export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 500);

export interface TimeFigures {
  readonly medianMs: number;
  readonly p95Ms: number;
}

export const time = async (operation: () => Promise<unknown>): Promise<TimeFigures> => {
  for (let i = 0; i < 20; i++) await operation(); // warm-up: JIT, connections, cold starts
  const latencies: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    await operation();
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  return { medianMs: latencies[Math.floor(ROUNDS / 2)]!, p95Ms: latencies[Math.floor(ROUNDS * 0.95)]! };
};

/**
 * A few seconds for the queues to deliver the events the demo seed raised (withBenchPlatform has
 * already waited for the demo data itself): measures then see a quiet platform.
 */
export const settleDemo = async () => {
  await new Promise((resolve) => setTimeout(resolve, 5000));
};

/** The demo body the report benches fill: Colomiers, which handles its own green spaces. */
export const BENCH_BODY = '31149';

/**
 * Report number `i` of a bench, as the report store writes it (its own item function, imported
 * lazily: after the runtime set the environment), in Colomiers' green spaces.
 */
export const benchReportItem = async (
  i: number,
  report: {
    readonly location: { readonly lat: number; readonly lon: number };
    readonly status: 'new' | 'acknowledged' | 'in_progress' | 'resolved' | 'rejected';
    readonly createdAt: string;
    readonly dueAt: string;
    readonly overdue: boolean;
  },
) => {
  const { reportItem } = await import('../shared/reports/report-store');
  const { newId } = await import('../shared/kernel/ids');
  const { DEMO_SIREN } = await import('../infra/local/demo/seed');
  return reportItem({
    id: newId(),
    territory: DEMO_SIREN,
    category: 'espaces-verts',
    commune: BENCH_BODY,
    bodyId: BENCH_BODY,
    bodyKind: 'commune',
    service: 'espaces-verts',
    address: `${i % 120} rue du Banc d'Essai`,
    description: `Signalement de banc d'essai n° ${i} : haie à tailler`,
    answers: {},
    photos: [],
    channel: 'online',
    contact: { email: `habitant-${i}@example.fr` },
    supportCount: 0,
    updatedAt: report.createdAt,
    version: 1,
    ...report,
  });
};

/**
 * Creates the bench's table in this DynamoDB Local and points the platform's modules at it: they
 * read their configuration when first imported, so import them only after.
 */
export const useBenchTable = async (endpoint: string, tableName = 'ville-ouverte-bench'): Promise<string> => {
  const { createTableIfAbsent, localDynamoDbClient } = await import('../infra/local/table');
  await createTableIfAbsent(localDynamoDbClient(endpoint), tableName);
  Object.assign(process.env, {
    DYNAMODB_ENDPOINT: endpoint,
    TABLE_NAME: tableName,
    QUEUE_URLS: '{}',
    LOG_LEVEL: 'ERROR',
  });
  return tableName;
};
