/**
 * The HTTP stack every route handler is built with. Middleware order (middy runs `before` in
 * order, `after`/`onError` in reverse):
 *   correlation id → header normalizer → security headers → CORS → problem+json errors
 *   → request (size limit, authentication, access level, JSON parsing, zod validation) → handler
 * and, on routes declared `idempotent`, the handler runs once per Idempotency-Key (idempotency.ts).
 * so errors raised anywhere still get CORS and security headers and a problem+json body.
 * Options for routes that speak another protocol (Open311): a form body (`bodyFormat: 'form'`),
 * and `renderError` writing errors in that protocol's format instead of problem+json. Pages
 * (shared/portal/page-http.ts) use the same two, plus cookies both ways (API Gateway v2 carries them
 * apart from the headers: `event.cookies`, `result.cookies`) and their own security headers.
 */
import middy, { type MiddlewareObj } from '@middy/core';
import httpCors from '@middy/http-cors';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z, ZodType } from 'zod';
import type { RouteDeclaration } from '../wiring/types';
import { verifyAuthorization } from './auth';
import {
  ForbiddenError,
  InvalidInputError,
  PayloadTooLargeError,
  UnauthenticatedError,
  UnsupportedMediaTypeError,
} from '../kernel/errors';
import { parseForm } from '../kernel/form';
import { multipartBoundary, parseMultipartForm } from '../kernel/multipart';
import { runIdempotently } from './idempotency';
import { QuotaExceededError } from './quota-exceeded';
import { isStoreUnavailable, STORE_RETRY_AFTER_SECONDS } from './store-unavailable';
import { inLogScope, logger } from './logger';
import { publishMetrics } from './metrics';
import { inHandlerSubsegment } from './tracing';
import { ROLE_LEVEL, type Principal } from '../kernel/principal';
import { corsPreflight } from '../wiring/cors';
import { PROBLEM_CONTENT_TYPE, problemFor, unexpectedProblem, type Problem } from '../kernel/problem';

const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

type Parsed<T> = T extends ZodType ? z.output<T> : undefined;

export interface HttpRequest<R extends RouteDeclaration> {
  readonly params: Parsed<R['contract']['params']>;
  readonly query: Parsed<R['contract']['query']>;
  readonly body: Parsed<R['contract']['body']>;
  /** The verified caller; always present on routes that are not public. */
  readonly principal: R['access'] extends 'public' ? Principal | undefined : Principal;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly correlationId: string;
  /** The path as requested (e.g. to read a format extension: Open311's `.json` / `.xml`). */
  readonly path: string;
  /** Request cookies by name (API Gateway v2's `cookies`); the first of a repeated name wins. */
  readonly cookies: Readonly<Record<string, string>>;
}

/** An answer as the stack serializes it; handlers return the narrower `RouteResponse` of their route. */
export interface HttpResponse {
  readonly status: number;
  /** Serialized as JSON unless `text` is given. */
  readonly body?: unknown;
  /** A body sent as is, with `contentType`. */
  readonly text?: string;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** `Set-Cookie` values (API Gateway v2 sends each as its own header). */
  readonly cookies?: readonly string[];
}

/** Domain values hand out readonly arrays; a response body may be one. */
type DeepReadonly<T> = T extends readonly (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;
type Declared<R extends RouteDeclaration> = R['contract']['responses'];
type HeadersOf<D> = D extends { readonly headers: infer H }
  ? { readonly headers?: { readonly [K in keyof H & string]?: string } }
  : { readonly headers?: undefined };
type JsonAnswer<S, D> = D extends { readonly schema: infer Z extends ZodType }
  ? {
      readonly status: S;
      readonly body: DeepReadonly<z.input<Z>>;
      readonly text?: undefined;
      readonly contentType?: string;
    }
  : never;
type TextAnswer<S, D> = D extends { readonly contentType: string } | { readonly alternatives: readonly string[] }
  ? { readonly status: S; readonly text: string; readonly contentType: string; readonly body?: undefined }
  : never;
type EmptyAnswer<S, D> = D extends { readonly schema: ZodType } | { readonly contentType: string }
  ? never
  : { readonly status: S; readonly body?: undefined; readonly text?: undefined; readonly contentType?: undefined };
/** Cookies may be set only by an answer that declares the `Set-Cookie` header. */
type CookiesOf<D> = D extends { readonly headers: { readonly 'Set-Cookie': unknown } }
  ? { readonly cookies?: readonly string[] }
  : { readonly cookies?: undefined };
type AnswerFor<S, D> = (JsonAnswer<S, D> | TextAnswer<S, D> | EmptyAnswer<S, D>) & HeadersOf<D> & CookiesOf<D>;

/**
 * What a route's handler may return: one of the responses its declaration lists, with a body of
 * the declared schema's type and only the declared headers. Anything else is a type error.
 */
export type RouteResponse<R extends RouteDeclaration> = number extends keyof Declared<R>
  ? HttpResponse
  : { [S in keyof Declared<R> & number]: AnswerFor<S, Declared<R>[S]> }[keyof Declared<R> & number];

export const ok = <B>(body: B) => ({ status: 200 as const, body });
export const created = <B>(body: B, location: string) => ({
  status: 201 as const,
  body,
  headers: { Location: location },
});
export const noContent = () => ({ status: 204 as const });

type Event = APIGatewayProxyEventV2 & {
  correlationId?: string;
  principal?: Principal;
  parsed?: Record<string, unknown>;
};
type Result = APIGatewayProxyStructuredResultV2;

const correlationId = (): MiddlewareObj<Event, Result> => {
  const addHeader = (request: { event: Event; response: Result | null }) => {
    if (request.response) {
      request.response.headers = { ...request.response.headers, 'X-Correlation-Id': request.event.correlationId ?? '' };
    }
  };
  return {
    before: ({ event }) => {
      const given = event.headers?.['x-correlation-id'];
      event.correlationId = given && /^[\w-]{1,128}$/.test(given) ? given : event.requestContext.requestId;
      logger.appendKeys({ correlationId: event.correlationId, route: event.routeKey });
    },
    after: addHeader,
    onError: addHeader,
  };
};

/** Publishes the business metrics the handler counted (shared/runtime/metrics.ts), success or not. */
const businessMetrics: MiddlewareObj<Event, Result> = { after: publishMetrics, onError: publishMetrics };

/** A caller past its quota (shared/runtime/quota.ts): 429, like the route throttle's answer. */
const quotaProblem = (error: unknown): Problem | undefined =>
  error instanceof QuotaExceededError
    ? {
        type: 'urn:ville-ouverte:problem:too-many-requests',
        title: 'Too many requests',
        status: 429,
        detail: error.message,
      }
    : undefined;

/** The table unreachable or throttling past the SDK's retries (store-unavailable.ts): 503, try again later. */
const storeProblem = (error: unknown): Problem | undefined =>
  isStoreUnavailable(error)
    ? {
        type: 'urn:ville-ouverte:problem:store-unavailable',
        title: 'Service temporarily unavailable',
        status: 503,
        detail: `The data store is unavailable for the moment: try again in ${STORE_RETRY_AFTER_SECONDS} seconds`,
      }
    : undefined;

const problemErrors = (
  render: HttpHandlerOptions['renderError'] | undefined,
  credentials: RouteDeclaration['credentials'],
): MiddlewareObj<Event, Result> => ({
  onError: (request) => {
    const id = request.event.correlationId ?? request.event.requestContext?.requestId ?? 'unknown';
    const unavailable = storeProblem(request.error);
    const known = problemFor(request.error) ?? quotaProblem(request.error) ?? unavailable;
    if (unavailable) logger.warn('store unavailable', request.error as Error);
    else if (known) logger.info('request refused', { status: known.status, detail: known.detail });
    else logger.error('unexpected error', request.error as Error);
    const problem = { ...(known ?? unexpectedProblem(id)), instance: request.event.rawPath, correlationId: id };
    // When to try again: the quota's next window, or a few seconds for the store.
    const retryAfter =
      request.error instanceof QuotaExceededError
        ? request.error.retryAfterSeconds
        : unavailable
          ? STORE_RETRY_AFTER_SECONDS
          : undefined;
    // Like the throttle's 429, a 503 is problem+json on every route, whatever its own error format.
    if (render && !unavailable) {
      request.response = toResult(render(problem, { path: request.event.rawPath }));
      return;
    }
    request.response = {
      statusCode: problem.status,
      headers: {
        'Content-Type': PROBLEM_CONTENT_TYPE,
        // A partner route's key is an API key (RFC 9110 11.6.1: the scheme the route takes).
        ...(problem.status === 401 ? { 'WWW-Authenticate': credentials === 'apiKey' ? 'ApiKey' : 'Bearer' } : {}),
        ...(retryAfter !== undefined ? { 'Retry-After': String(retryAfter) } : {}),
      },
      body: JSON.stringify(problem),
    };
  },
});

const rawBody = (event: Event): string | undefined => {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
};

const validate = (schema: ZodType | undefined, value: unknown, where: string): unknown => {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  throw new InvalidInputError(`Invalid ${where}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
};

const parseJson = (text: string | undefined, contentType: string | undefined): unknown => {
  if (text === undefined) throw new InvalidInputError('A JSON request body is required');
  if (!contentType || !/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
    throw new UnsupportedMediaTypeError('The request body must be sent as application/json');
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(`The request body is not valid JSON: ${(error as Error).message}`);
  }
};

/** A route declared `bodyFormat: 'form'`: no body is an empty form (its schema says what is missing). */
const parseFormBody = (text: string | undefined, contentType: string | undefined): unknown => {
  if (text === undefined) return {};
  if (!contentType || !/^application\/x-www-form-urlencoded\b/i.test(contentType)) {
    throw new UnsupportedMediaTypeError('The request body must be sent as application/x-www-form-urlencoded');
  }
  return parseForm(text);
};

/** A route declared `bodyFormat: 'csv'`: the text itself (its schema says whether it may be empty). */
const parseCsvBody = (text: string | undefined, contentType: string | undefined): unknown => {
  if (text === undefined) return '';
  if (!contentType || !/^text\/csv\b/i.test(contentType)) {
    throw new UnsupportedMediaTypeError('The request body must be sent as text/csv');
  }
  return text;
};

/** A route declared `bodyFormat: 'multipart'`: a form with a file input (every part read as text). */
const parseMultipartBody = (text: string | undefined, contentType: string | undefined): unknown => {
  if (text === undefined) return {};
  const boundary =
    contentType && /^multipart\/form-data\b/i.test(contentType) ? multipartBoundary(contentType) : undefined;
  if (!boundary) throw new UnsupportedMediaTypeError('The request body must be sent as multipart/form-data');
  return parseMultipartForm(text, boundary);
};

const BODY_PARSERS = {
  json: parseJson,
  form: parseFormBody,
  csv: parseCsvBody,
  multipart: parseMultipartBody,
} as const;

/** Size limit, authentication, access level, then parsing and validation of the input. */
const routeInput = (route: RouteDeclaration): MiddlewareObj<Event, Result> => ({
  before: async ({ event }) => {
    const text = rawBody(event);
    const limit = route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    if (text !== undefined && Buffer.byteLength(text) > limit) throw new PayloadTooLargeError(limit);

    const principal = await verifyAuthorization(event.headers?.authorization).catch((error: unknown) => {
      // A public route serves anonymous callers; a bad token there is simply not used.
      if (route.access === 'public') return undefined;
      throw error;
    });
    if (route.access !== 'public') {
      if (!principal) throw new UnauthenticatedError('This route requires a bearer token');
      if (ROLE_LEVEL[principal.role] < ROLE_LEVEL[route.access]) {
        throw new ForbiddenError(`This route requires the ${route.access} role; the token has ${principal.role}`);
      }
    }
    event.principal = principal;

    const { params, query, body } = route.contract;
    event.parsed = {
      params: validate(params, event.pathParameters ?? {}, 'path'),
      query: validate(query, event.queryStringParameters ?? {}, 'query'),
      body: body
        ? validate(body, BODY_PARSERS[route.bodyFormat ?? 'json'](text, event.headers?.['content-type']), 'body')
        : undefined,
    };
  },
});

const toResult = (response: HttpResponse): Result => {
  const headers: Record<string, string> = { ...response.headers };
  const cookies = response.cookies && response.cookies.length > 0 ? { cookies: [...response.cookies] } : {};
  if (response.text !== undefined) {
    headers['Content-Type'] = response.contentType ?? 'text/plain; charset=utf-8';
    return { statusCode: response.status, headers, body: response.text, ...cookies };
  }
  if (response.body === undefined) return { statusCode: response.status, headers, ...cookies };
  headers['Content-Type'] = response.contentType ?? 'application/json';
  return { statusCode: response.status, headers, body: JSON.stringify(response.body), ...cookies };
};

/** `name=value` pairs as API Gateway v2 hands them over (one per array entry). */
const parseCookies = (cookies: readonly string[] | undefined): Record<string, string> => {
  const parsed: Record<string, string> = {};
  for (const cookie of cookies ?? []) {
    const at = cookie.indexOf('=');
    if (at <= 0) continue;
    const name = cookie.slice(0, at).trim();
    if (name in parsed) continue;
    const value = cookie.slice(at + 1).trim();
    try {
      parsed[name] = decodeURIComponent(value);
    } catch {
      parsed[name] = value;
    }
  }
  return parsed;
};

export interface HttpHandlerOptions {
  /**
   * Writes errors in the route's own format instead of problem+json (Open311's error list): it
   * receives the problem the error maps to (status, detail, field issues) and the request path.
   */
  readonly renderError?: (problem: Problem, request: { readonly path: string }) => HttpResponse;
  /** CSP directives for HTML pages, merged over middy's (which forbid everything); `false` drops one. */
  readonly contentSecurityPolicy?: Readonly<Record<string, string | false>>;
  /**
   * More @middy/http-security-headers options, by its option name, e.g. pages' `referrerPolicy`
   * (`same-origin`: with middy's `no-referrer` a browser sends `Origin: null` on a form post).
   */
  readonly securityHeaders?: Readonly<Record<string, unknown>>;
}

/**
 * Builds a route's Lambda handler: the declared route gives access level, limits and schemas;
 * `handle` receives typed, validated input and returns a response.
 */
export const httpHandler = <const R extends RouteDeclaration>(
  route: R,
  handle: (request: HttpRequest<R>) => Promise<RouteResponse<R>>,
  options: HttpHandlerOptions = {},
) => {
  const stack = httpStack(route, handle, options);
  // Each invocation logs in its own scope (Lambda context, correlation id, route): requests served
  // at once in one process (the local runtime) never write under each other's ids.
  const scoped = Object.assign(
    (event: APIGatewayProxyEventV2, context: Context): Promise<Result> =>
      inLogScope(context, () => inHandlerSubsegment(() => stack(event as Event, context))),
    {
      /** More middleware after the stack's (e.g. a CSV body reader), as with middy's own `use`. */
      use: (middleware: MiddlewareObj<Event, Result, Error, Context>) => {
        stack.use(middleware);
        return scoped;
      },
    },
  );
  return scoped;
};

const httpStack = <const R extends RouteDeclaration>(
  route: R,
  handle: (request: HttpRequest<R>) => Promise<RouteResponse<R>>,
  options: HttpHandlerOptions,
) =>
  middy<Event, Result, Error, Context>()
    .use(businessMetrics)
    .use(correlationId())
    .use(httpHeaderNormalizer())
    .use(
      // middy's types lag its code: it knows reportingEndpoints, and skips CSP directives set to false.
      httpSecurityHeaders({
        // No reporting endpoint exists: don't announce one.
        reportingEndpoints: false,
        reportTo: false,
        ...(options.contentSecurityPolicy ? { contentSecurityPolicy: options.contentSecurityPolicy } : {}),
        ...options.securityHeaders,
      } as Parameters<typeof httpSecurityHeaders>[0]),
    )
    .use(
      httpCors({
        origins: ['*'],
        // The one list the preflight also gives (shared/wiring/cors.ts): NGSI-LD's Link and counts included.
        exposeHeaders: corsPreflight.exposeHeaders.join(', '),
      }),
    )
    .use(problemErrors(options.renderError, route.credentials))
    .use(routeInput(route))
    .handler(async (event) => {
      const parsed = event.parsed ?? {};
      const run = async () =>
        toResult(
          (await handle({
            params: parsed.params,
            query: parsed.query,
            body: parsed.body,
            principal: event.principal,
            headers: event.headers ?? {},
            correlationId: event.correlationId ?? event.requestContext.requestId,
            path: event.rawPath,
            cookies: parseCookies(event.cookies),
          } as HttpRequest<R>)) as HttpResponse,
        );
      const idempotencyKey = route.idempotent ? event.headers?.['idempotency-key'] : undefined;
      if (idempotencyKey === undefined) return run();
      const siren = (parsed.params as { siren?: unknown } | undefined)?.siren;
      return runIdempotently(
        {
          key: idempotencyKey,
          routeId: route.id,
          path: event.rawPath,
          territory: typeof siren === 'string' ? siren : undefined,
          caller: event.principal?.sub,
          request: { query: parsed.query ?? null, body: parsed.body ?? null },
        },
        run,
      );
    });
