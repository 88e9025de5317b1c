/**
 * A route whose body is CSV (`text/csv`): the HTTP stack (shared/runtime/http.ts) parses JSON and
 * forms only, so the import route declares no body schema and this adds, after the stack's checks
 * (size 413, token 401, role 403, parameters 400), a step that takes the raw text: 415 unless it is
 * sent as text/csv, 400 when empty. The handler reads it with `csvText(request)`.
 */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { InvalidInputError, UnsupportedMediaTypeError } from '../kernel/errors';
import type { HttpRequest } from '../runtime/http';
import type { RouteDeclaration } from '../wiring/types';

type Event = APIGatewayProxyEventV2 & { parsed?: Record<string, unknown> };

/** Middleware for middy's `.use()` on a handler built by httpHandler: the CSV text as the parsed body. */
export const csvBody = (): MiddlewareObj<Event> => ({
  before: ({ event }) => {
    const contentType = event.headers?.['content-type'];
    if (!contentType || !/^text\/csv\b/i.test(contentType))
      throw new UnsupportedMediaTypeError('The request body must be sent as text/csv');
    const raw = event.body ?? '';
    const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
    if (text.trim() === '') throw new InvalidInputError('A CSV request body is required');
    event.parsed = { ...event.parsed, body: text };
  },
});

/** The CSV text csvBody() put in place of the body. */
export const csvText = <R extends RouteDeclaration>(request: HttpRequest<R>): string => {
  const body: unknown = request.body;
  if (typeof body !== 'string') throw new Error('csvBody() is not on this handler');
  return body;
};
