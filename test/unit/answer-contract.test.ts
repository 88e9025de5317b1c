/**
 * What a route may answer (shared/wiring/contract.ts): the local gateway holds every answer to it
 * in tests, and the OpenAPI document is written from it. An answer with a status, media type,
 * header or body its declaration does not list is a violation.
 */
import * as z from 'zod';
import { checkAnswer, expectedAnswers } from '../../shared/wiring/contract';
import { defineRoute } from '../../shared/wiring/define';

const route = defineRoute({
  id: 'saveThing',
  method: 'PUT',
  path: '/things/{id}',
  handler: 'functions/test/save-thing.ts',
  access: 'agent',
  table: 'write',
  tag: 'Test',
  summary: 'Save a thing',
  contract: {
    params: z.object({ id: z.string() }),
    body: z.object({ name: z.string() }),
    responses: {
      200: {
        description: 'The thing',
        schema: z.object({ id: z.string(), name: z.string() }),
        headers: { ETag: { description: 'Its version' } },
      },
      204: { description: 'Nothing changed' },
    },
    problems: { 428: 'If-Match is required' },
  },
});

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers: { 'Content-Type': 'application/json', 'X-Correlation-Id': 'c', ...headers },
  body: JSON.stringify(body),
});
const problem = (status: number) => ({
  status,
  headers: { 'content-type': 'application/problem+json' },
  body: JSON.stringify({ type: 'urn:x', title: 't', status, detail: 'd' }),
});

describe('an answer and its declaration', () => {
  it('keeps the contract: declared status, media type, header and body', () => {
    expect(checkAnswer(route, json(200, { id: 'a', name: 'b' }, { ETag: '"3"' }))).toEqual([]);
    expect(checkAnswer(route, { status: 204, headers: {}, body: '' })).toEqual([]);
  });

  it('breaks it with an undeclared status', () => {
    expect(checkAnswer(route, json(201, { id: 'a', name: 'b' }))).toEqual(['status 201 is not declared']);
  });

  it('breaks it with a body that does not match the schema, naming the field', () => {
    expect(checkAnswer(route, json(200, { id: 'a' }))).toEqual([expect.stringContaining('body at $.name')]);
  });

  it('breaks it with an undeclared media type or header', () => {
    expect(
      checkAnswer(route, { ...json(200, { id: 'a', name: 'b' }), headers: { 'content-type': 'text/xml' } }),
    ).toEqual([expect.stringContaining('media type text/xml is not declared')]);
    expect(checkAnswer(route, json(200, { id: 'a', name: 'b' }, { 'X-Secret': '1' }))).toEqual([
      'header x-secret is not declared for 200',
    ]);
  });

  it('accepts the problems its shape implies and those it declares, as problem+json', () => {
    for (const status of [400, 401, 403, 404, 409, 413, 415, 422, 428, 429, 500]) {
      expect([status, checkAnswer(route, problem(status))]).toEqual([status, []]);
    }
    expect(checkAnswer(route, problem(410))).toEqual(['status 410 is not declared']);
    expect(checkAnswer(route, json(404, { message: 'not found' }))).toEqual([
      expect.stringContaining('media type application/json is not declared for 404'),
    ]);
  });

  it('lists a public read without input as answering 200, 500, 429 (throttled) or 503 (store unavailable) only', () => {
    const health = defineRoute({
      id: 'getThing',
      method: 'GET',
      path: '/thing',
      handler: 'functions/test/get-thing.ts',
      access: 'public',
      table: 'read',
      tag: 'Test',
      summary: 'A thing',
      contract: { responses: { 200: { description: 'It', schema: z.object({}) } } },
    });
    expect([...expectedAnswers(health).keys()]).toEqual([200, 500, 429, 503]);
  });
});
