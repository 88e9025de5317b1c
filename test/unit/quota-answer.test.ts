/**
 * A caller past its quota (shared/runtime/quota.ts) gets what a throttled one gets: 429, Retry-After
 * and a too-many-requests problem, an answer every route's contract declares.
 */
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import * as z from 'zod';
import { httpHandler } from '../../shared/runtime/http';
import { QuotaExceededError } from '../../shared/runtime/quota-exceeded';
import { checkAnswer } from '../../shared/wiring/contract';
import { defineRoute } from '../../shared/wiring/define';

const route = defineRoute({
  id: 'sendThings',
  method: 'POST',
  path: '/things',
  handler: 'functions/test/send-things.ts',
  access: 'public',
  table: 'write',
  tag: 'Test',
  summary: 'Send things',
  contract: {
    body: z.object({ things: z.array(z.number()) }),
    responses: { 202: { description: 'Queued', schema: z.object({ accepted: z.number() }) } },
  },
});

const handler = httpHandler(route, async () => {
  throw new QuotaExceededError('This caller may send 10 things per minute', 17);
});

it('answers a used quota with 429, Retry-After and a too-many-requests problem, as declared', async () => {
  const answer = await handler(
    {
      version: '2.0',
      routeKey: 'POST /things',
      rawPath: '/things',
      rawQueryString: '',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ things: [1] }),
      isBase64Encoded: false,
      requestContext: { requestId: 'r1', routeKey: 'POST /things', http: { method: 'POST', path: '/things' } },
    } as unknown as APIGatewayProxyEventV2,
    { functionName: 'sendThings', awsRequestId: 'a1' } as Context,
  );
  expect(answer.statusCode).toBe(429);
  expect(answer.headers).toMatchObject({ 'Retry-After': '17', 'Content-Type': 'application/problem+json' });
  expect(JSON.parse(answer.body!)).toMatchObject({
    type: 'urn:ville-ouverte:problem:too-many-requests',
    status: 429,
    detail: 'This caller may send 10 things per minute',
  });
  // As sent: middy's security headers set Server and X-Powered-By to undefined, which drops them.
  const sent = Object.fromEntries(Object.entries(answer.headers ?? {}).filter(([, value]) => value !== undefined));
  expect(checkAnswer(route, { status: 429, headers: sent as Record<string, string>, body: answer.body! })).toEqual([]);
});
