/**
 * Logs under concurrency: the local runtime serves many requests at once in one process, all sharing
 * the one Logger; each line must carry its own request's correlation id and Lambda context
 * (shared/runtime/logger.ts keeps them in an AsyncLocalStorage scope per invocation).
 */
import { jest } from '@jest/globals';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import * as z from 'zod';
import { logger, withRecordKeys } from '../../shared/runtime/logger';
import { httpHandler } from '../../shared/runtime/http';
import { defineRoute } from '../../shared/wiring/define';

const route = defineRoute({
  id: 'getThing',
  method: 'GET',
  path: '/things/{id}',
  handler: 'functions/test/get-thing.ts',
  access: 'public',
  table: 'none',
  tag: 'Test',
  summary: 'A thing',
  contract: {
    params: z.object({ id: z.string() }),
    responses: { 200: { description: 'It', schema: z.object({ id: z.string() }) } },
  },
});

/** Lets the test interleave two requests: each waits at a named gate until the test opens it. */
const gates = new Map<string, () => void>();
const gate = (name: string) => new Promise<void>((open) => gates.set(name, open));
const opened = async (name: string) => {
  while (!gates.has(name)) await new Promise((r) => setImmediate(r));
  gates.get(name)!();
};

const handler = httpHandler(route, async ({ params }) => {
  logger.info('started', { thing: params.id });
  await gate(`${params.id}-middle`);
  logger.info('halfway', { thing: params.id });
  if (params.id === 'b') throw new Error('boom');
  return { status: 200 as const, body: { id: params.id } };
});

const event = (id: string, correlationId: string): APIGatewayProxyEventV2 =>
  ({
    version: '2.0',
    routeKey: 'GET /things/{id}',
    rawPath: `/things/${id}`,
    rawQueryString: '',
    headers: { 'x-correlation-id': correlationId },
    pathParameters: { id },
    requestContext: {
      requestId: `req-${id}`,
      routeKey: 'GET /things/{id}',
      http: { method: 'GET', path: `/things/${id}`, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: '' },
    },
    isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEventV2;
const context = (awsRequestId: string) =>
  ({ functionName: 'getThing', awsRequestId, invokedFunctionArn: 'arn', memoryLimitInMB: '128' }) as Context;

describe('log lines of concurrent invocations', () => {
  let lines: Record<string, unknown>[];
  beforeEach(() => {
    lines = [];
    // Powertools writes errors and warnings to stderr, the rest to stdout.
    const capture = (chunk: unknown) => {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      return true;
    };
    jest.spyOn(process.stdout, 'write').mockImplementation(capture);
    jest.spyOn(process.stderr, 'write').mockImplementation(capture);
  });
  afterEach(() => jest.restoreAllMocks());

  it('each carry their own correlation id and request id, the error line of a 500 included', async () => {
    const a = handler(event('a', 'corr-a'), context('lambda-a'));
    const b = handler(event('b', 'corr-b'), context('lambda-b'));
    // a finishes its second line while b is in flight, then b's runs and fails.
    await opened('a-middle');
    const answerA = await a;
    await opened('b-middle');
    const answerB = await b;
    jest.restoreAllMocks();

    expect(answerA.statusCode).toBe(200);
    expect(answerB.statusCode).toBe(500);
    const about = (thing: string) => lines.filter((line) => line.thing === thing);
    expect(about('a').map((l) => l.message)).toEqual(['started', 'halfway']);
    expect(about('b').map((l) => l.message)).toEqual(['started', 'halfway']);
    for (const line of about('a')) {
      expect(line).toMatchObject({
        correlationId: 'corr-a',
        function_request_id: 'lambda-a',
        route: 'GET /things/{id}',
      });
    }
    for (const line of about('b'))
      expect(line).toMatchObject({ correlationId: 'corr-b', function_request_id: 'lambda-b' });
    const failure = lines.find((line) => line.message === 'unexpected error');
    expect(failure).toMatchObject({ correlationId: 'corr-b', function_request_id: 'lambda-b' });
  });

  it('keep records handled in parallel apart, and drop their keys once done', async () => {
    const record = (id: string) =>
      withRecordKeys({ messageId: id }, async () => {
        logger.info('record started', { thing: id });
        await new Promise((r) => setImmediate(r));
        logger.info('record done', { thing: id });
      });
    await Promise.all([record('m1'), record('m2')]);
    logger.info('after');
    jest.restoreAllMocks();

    for (const id of ['m1', 'm2']) {
      const mine = lines.filter((line) => line.thing === id);
      expect(mine).toHaveLength(2);
      for (const line of mine) expect(line.messageId).toBe(id);
    }
    expect(lines.find((line) => line.message === 'after')).not.toHaveProperty('messageId');
  });
});
