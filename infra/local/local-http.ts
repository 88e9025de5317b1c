/**
 * Routes that exist only on one machine (`/_local/...`: the token endpoint, the SQS endpoint, the
 * queue depths, run-a-schedule-now). They are plain request → response functions, served by the
 * gateway beside the declared routes but never turned into Lambda events.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { PROBLEM_CONTENT_TYPE, problemFor } from '../../shared/kernel/problem';
import type { HttpResponse } from './api-gateway-event';

export interface LocalRequest {
  readonly method: string;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface LocalRoute {
  readonly method: 'GET' | 'POST' | 'DELETE' | 'PUT' | 'HEAD';
  /** Path template with `{name}` parameters, under /_local. */
  readonly path: string;
  handle(request: LocalRequest): Promise<HttpResponse> | HttpResponse;
}

export const jsonResponse = (
  statusCode: number,
  value: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): HttpResponse => ({ statusCode, headers, cookies: [], body: Buffer.from(JSON.stringify(value)) });

/**
 * An error answered as the platform's HTTP kit answers it (RFC 9457, shared/runtime/problem.ts).
 * An unexpected one keeps its message: these routes serve a developer, who wants to see why.
 */
export const problemResponse = (error: Error): HttpResponse => {
  const problem = problemFor(error) ?? {
    type: 'urn:ville-ouverte:problem:internal',
    title: 'Internal error',
    status: 500,
    detail: error.message,
  };
  return jsonResponse(problem.status, problem, { 'content-type': PROBLEM_CONTENT_TYPE });
};

/** Parses a JSON request body, or says why it cannot. */
export const parseJsonBody = (body: Buffer): { ok: true; value: unknown } | { ok: false; reason: string } => {
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) };
  } catch {
    return {
      ok: false,
      reason:
        body.length === 0 ? 'The request body is empty: send a JSON object' : 'The request body is not valid JSON',
    };
  }
};
