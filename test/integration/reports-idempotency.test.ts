/**
 * Idempotency keys on the filing route, through its real handler (the HTTP stack) against
 * DynamoDB Local: retries, concurrent retries, and a key reused for another request.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { buildApiGatewayEvent } from '../../infra/local/api-gateway-event';
import { createLambdaContext } from '../../infra/local/lambda-context';
import { citizen, pothole, setUpReports, SIREN, type ReportsFixture } from '../support/reports-fixtures';

type Handler = (event: unknown, context: unknown) => Promise<APIGatewayProxyStructuredResultV2>;
let handler: Handler;
let bodyReports: () => Promise<string[]>;
let reports: ReportsFixture['reports'];
let runIdempotently: typeof import('../../shared/runtime/idempotency').runIdempotently;

beforeAll(async () => {
  const fixture = await setUpReports('reports-idempotency');
  const { store } = fixture;
  reports = fixture.reports;
  ({ runIdempotently } = await import('../../shared/runtime/idempotency'));
  handler = (await import('../../functions/reports/file-report')).handler as unknown as Handler;
  bodyReports = async () =>
    (
      await store.listByBody({
        territory: SIREN,
        bodyId: SIREN,
        order: 'newest',
        limit: 100,
        now: new Date().toISOString(),
      })
    ).items.map((r) => r.id);
});

const post = async (body: unknown, key?: string) => {
  const event = buildApiGatewayEvent(
    {
      method: 'POST',
      rawPath: `/territories/${SIREN}/reports`,
      rawQueryString: '',
      rawHeaders: ['content-type', 'application/json', ...(key ? ['idempotency-key', key] : [])],
      body: Buffer.from(JSON.stringify(body)),
      sourceIp: '127.0.0.1',
      protocol: 'HTTP/1.1',
    },
    { routeKey: `POST /territories/{siren}/reports`, pathParameters: { siren: SIREN } },
  );
  const result = await handler(event, createLambdaContext('fileReport', 10_000));
  return { status: result.statusCode!, headers: result.headers ?? {}, body: JSON.parse(result.body ?? '{}') };
};

test('a retry with the same key gets the same report, marked as replayed, and no second one is stored', async () => {
  const before = await bodyReports();
  const first = await post(pothole(), 'key-retry-1');
  const retry = await post(pothole(), 'key-retry-1');
  expect(first.status).toBe(201);
  expect(retry).toMatchObject({ status: 201, body: { id: first.body.id } });
  expect(retry.headers['Idempotent-Replayed']).toBe('true');
  expect((await bodyReports()).length).toBe(before.length + 1);
});

test('ten concurrent requests with the same key make one report; the others replay it or are told to wait', async () => {
  const before = await bodyReports();
  const responses = await Promise.all(Array.from({ length: 10 }, () => post(pothole(), 'key-concurrent-1')));
  const created = responses.filter((r) => r.status === 201);
  expect(created.length).toBeGreaterThanOrEqual(1);
  expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
  expect(responses.every((r) => r.status === 201 || r.status === 409)).toBe(true);
  expect((await bodyReports()).length).toBe(before.length + 1);
});

test('the same key with another body is refused (422), and nothing more is stored', async () => {
  await post(pothole(), 'key-reused-1');
  const before = await bodyReports();
  const other = await post({ ...pothole(), description: 'Autre chose' }, 'key-reused-1');
  expect(other).toMatchObject({ status: 422, body: { rule: 'idempotency-key-reuse' } });
  expect(await bodyReports()).toEqual(before);
});

test('a request refused by a rule leaves its key free: the corrected request with the same key files the report', async () => {
  const refused = await post({ ...pothole(), category: 'licornes' }, 'key-fix-1');
  expect(refused.status).toBe(422);
  const corrected = await post(pothole(), 'key-fix-1');
  expect(corrected.status).toBe(201);
  expect(corrected.headers['Idempotent-Replayed']).toBeUndefined();
});

test('without a key, two identical requests make two reports', async () => {
  const before = await bodyReports();
  await post(pothole());
  await post(pothole());
  expect((await bodyReports()).length).toBe(before.length + 2);
});

describe('a function that dies after its commit, before recording its answer', () => {
  const scope = (key: string) => ({
    key,
    routeId: 'fileReport',
    path: `/territories/${SIREN}/reports`,
    territory: SIREN,
    caller: 'jeanne',
    request: { body: pothole() },
  });
  /** What the handler does: file, then answer with the report's id. */
  const fileAndAnswer = async (padding = '') => {
    const report = await reports.fileReport(citizen('jeanne'), SIREN, pothole());
    return { statusCode: 201, body: JSON.stringify({ id: report.id, padding }) };
  };

  test('a request that filed a report stores no answer: a retry rebuilds it from the report, even past 400 KB', async () => {
    const before = await bodyReports();
    // An answer DynamoDB could not hold (an item is at most 400 KB): never stored, so it cannot fail to be.
    const first = await runIdempotently(scope('key-crash-1'), () => fileAndAnswer('x'.repeat(500_000)));
    const committed = await bodyReports();
    expect(committed.length).toBe(before.length + 1);
    expect(JSON.parse(first.body!).id).toBe(committed[0]);

    const replay = await runIdempotently(scope('key-crash-1'), () => fileAndAnswer());
    expect(replay.statusCode).toBe(201);
    expect(replay.headers?.['Idempotent-Replayed']).toBe('true');
    expect(JSON.parse(replay.body!).id).toBe(committed[0]);
    expect(await bodyReports()).toEqual(committed);
  });

  test('the handler dying after the commit: the retry gets that report, not a second one', async () => {
    const before = await bodyReports();
    let filed: string | undefined;
    await expect(
      runIdempotently(scope('key-crash-2'), async () => {
        filed = JSON.parse((await fileAndAnswer()).body).id as string;
        throw new Error('the function stops here');
      }),
    ).rejects.toThrow('the function stops here');
    const retry = await runIdempotently(scope('key-crash-2'), () => fileAndAnswer());
    expect(JSON.parse(retry.body!).id).toBe(filed);
    expect((await bodyReports()).length).toBe(before.length + 1);
  });
});
