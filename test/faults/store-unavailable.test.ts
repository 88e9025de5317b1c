/**
 * The store goes away under a running API: every route that needs it answers 503 with Retry-After
 * and a problem+json body (never a 500), and the API recovers by itself once the store is back.
 * A second runtime runs against its own file-backed DynamoDB Local, stopped and restarted on the
 * same port and data by the test.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../infra/local/dynamodb-local';
import { freePort } from '../../infra/local/free-port';
import { faultToken, startFaultRuntime, type FaultRuntime } from '../support/fault-runtime';

const SIREN = '243100518';
let dir: string;
let port: number;
let dynamoDb: DynamoDbLocal | undefined;
let runtime: FaultRuntime;
let admin: string;

const startStore = () => startDynamoDbLocal({ storage: { dbPath: join(dir, 'dynamodb') }, port });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ville-ouverte-fault-store-'));
  port = await freePort();
  dynamoDb = await startStore();
  runtime = await startFaultRuntime({
    dataDir: join(dir, 'runtime'),
    dynamodbEndpoint: dynamoDb.endpoint,
    tableName: 'fault-store',
    logName: 'fault-store-runtime',
  });
  admin = await faultToken(runtime.baseUrl, { role: 'admin', territory: SIREN });
}, 90_000);

afterAll(async () => {
  await runtime?.stop();
  await dynamoDb?.stop();
  await rm(dir, { recursive: true, force: true });
}, 30_000);

const call = (path: string, method = 'GET') =>
  fetch(`${runtime.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${admin}` } });

it('answers 503 with Retry-After while the store is down, and recovers by itself', async () => {
  expect((await call(`/territories/${SIREN}/import`, 'POST')).status).toBeLessThan(300);
  const before = await call(`/territories/${SIREN}/communes`);
  expect(before.status).toBe(200);
  const communes = ((await before.json()) as { items: unknown[] }).items.length;
  expect(communes).toBeGreaterThan(0);

  await dynamoDb!.stop();
  dynamoDb = undefined;
  for (const [path, method] of [
    [`/territories/${SIREN}/communes`, 'GET'],
    [`/territories/${SIREN}/communes/31555`, 'GET'],
    [`/territories/${SIREN}/import`, 'POST'],
  ] as const) {
    const answer = await call(path, method);
    const body = (await answer.json()) as { type: string; status: number };
    expect({ path, status: answer.status, type: answer.headers.get('content-type') }).toEqual({
      path,
      status: 503,
      type: 'application/problem+json',
    });
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(body).toMatchObject({ type: 'urn:ville-ouverte:problem:store-unavailable', status: 503 });
  }
  // What needs no store still answers.
  expect((await fetch(`${runtime.baseUrl}/openapi.json`)).status).toBe(200);

  dynamoDb = await startStore();
  // No restart of the runtime: its next requests find the store again, with what it held.
  let after: Response | undefined;
  for (let attempt = 0; attempt < 50; attempt++) {
    after = await call(`/territories/${SIREN}/communes`);
    if (after.status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect(after!.status).toBe(200);
  expect(((await after!.json()) as { items: unknown[] }).items).toHaveLength(communes);
  expect(await runtime.violations()).toBe('');
}, 90_000);
