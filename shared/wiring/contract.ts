/**
 * What a route may answer, read from its declaration: its successful responses, and the error
 * statuses its shape implies plus those it declares. The OpenAPI document is written from this,
 * and in tests the local gateway checks every answer against it (`checkAnswer`), so the document
 * cannot promise less than the API does.
 */
import type { ZodType } from 'zod';
import { PROBLEM_CONTENT_TYPE, ProblemSchema } from '../kernel/problem';
import type { HeaderDeclaration, RouteDeclaration } from './types';

export interface ExpectedAnswer {
  readonly description: string;
  readonly contentTypes: readonly string[];
  readonly schema?: ZodType;
  readonly headers: Readonly<Record<string, HeaderDeclaration>>;
}

/** Error statuses every route of this shape may answer, and why. */
const impliedProblems = (route: RouteDeclaration): Partial<Record<number, string>> => {
  const { params, query, body, headers } = route.contract;
  const loggedIn = route.access !== 'public';
  return {
    ...(params || query || body || headers ? { 400: 'The request is not valid (each wrong field is named)' } : {}),
    ...(loggedIn || route.credentials
      ? { 401: route.credentials === 'apiKey' ? 'Missing or unknown API key' : 'Missing or invalid token' }
      : {}),
    ...(loggedIn ? { 403: 'Not allowed for this caller' } : {}),
    ...(params ? { 404: 'Not found' } : {}),
    ...(body ? { 413: 'Body too large', 415: 'Body not in the declared media type' } : {}),
    ...((loggedIn && route.method !== 'GET') || route.idempotent
      ? { 409: 'Changed meanwhile, or an Idempotency-Key in use', 422: 'A business rule refuses it' }
      : {}),
    500: 'Unexpected error (quote the correlation id)',
  };
};

const WWW_AUTHENTICATE = { 'WWW-Authenticate': { description: 'How to authenticate' } };
/** Every route has a throttle class (shared/wiring/throttle.ts): past it, a 429 in problem+json. */
const TOO_MANY_REQUESTS: ExpectedAnswer = {
  description: 'Too many requests: try again after Retry-After seconds',
  contentTypes: [PROBLEM_CONTENT_TYPE],
  schema: ProblemSchema,
  headers: { 'Retry-After': { description: 'Seconds to wait before trying again' } },
};

/** Any route may meet its store unreachable or throttled (shared/runtime/store-unavailable.ts): a 503 in problem+json. */
const STORE_UNAVAILABLE: ExpectedAnswer = {
  description: 'The data store is unavailable for the moment: try again after Retry-After seconds',
  contentTypes: [PROBLEM_CONTENT_TYPE],
  schema: ProblemSchema,
  headers: { 'Retry-After': { description: 'Seconds to wait before trying again' } },
};

/** Every answer the route may give, by status. */
export const expectedAnswers = (route: RouteDeclaration): ReadonlyMap<number, ExpectedAnswer> => {
  const answers = new Map<number, ExpectedAnswer>();
  for (const [status, response] of Object.entries(route.contract.responses)) {
    const main = response.schema ? (response.contentType ?? 'application/json') : response.contentType;
    answers.set(Number(status), {
      description: response.description,
      contentTypes: [...(main ? [main] : []), ...(response.alternatives ?? [])],
      ...(response.schema ? { schema: response.schema } : {}),
      headers: response.headers ?? {},
    });
  }
  const own = route.contract.errors;
  const problems = own ? own.statuses : { ...impliedProblems(route), ...route.contract.problems };
  for (const [status, description] of Object.entries(problems)) {
    if (description === undefined || answers.has(Number(status))) continue;
    answers.set(Number(status), {
      description,
      contentTypes: own ? [own.contentType, ...(own.alternatives ?? [])] : [PROBLEM_CONTENT_TYPE],
      ...(own ? (own.schema ? { schema: own.schema } : {}) : { schema: ProblemSchema }),
      headers: Number(status) === 401 ? WWW_AUTHENTICATE : {},
    });
  }
  if (!answers.has(429)) answers.set(429, TOO_MANY_REQUESTS);
  if (!answers.has(503)) answers.set(503, STORE_UNAVAILABLE);
  return answers;
};

/** Headers the HTTP stack puts on every answer (correlation, CORS, security, caching). */
const STACK_HEADERS =
  /^(content-type|content-length|x-correlation-id|vary|access-control-.*|strict-transport-security|x-content-type-options|x-frame-options|x-dns-prefetch-control|x-download-options|x-permitted-cross-domain-policies|x-xss-protection|referrer-policy|content-security-policy|cross-origin-.*|origin-agent-cluster|permissions-policy|reporting-endpoints|report-to)$/i;

export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
}

/** What in an answer its route does not declare: empty when the answer keeps the contract. */
export const checkAnswer = (route: RouteDeclaration, answer: Answer): string[] => {
  const expected = expectedAnswers(route).get(answer.status);
  if (!expected) return [`status ${answer.status} is not declared`];
  const issues: string[] = [];
  const headers = Object.fromEntries(
    Object.entries(answer.headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const declared = new Set(Object.keys(expected.headers).map((name) => name.toLowerCase()));
  if (route.idempotent) declared.add('idempotent-replayed');
  for (const name of Object.keys(headers)) {
    if (!STACK_HEADERS.test(name) && !declared.has(name))
      issues.push(`header ${name} is not declared for ${answer.status}`);
  }
  const mediaType = headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (answer.body === '' && !mediaType) {
    if (expected.contentTypes.length > 0 && expected.schema)
      issues.push(`${answer.status} has no body; one is declared`);
    return issues;
  }
  if (!mediaType || !expected.contentTypes.some((type) => type.toLowerCase() === mediaType)) {
    issues.push(
      `media type ${mediaType ?? '(none)'} is not declared for ${answer.status} (declared: ${expected.contentTypes.join(', ') || 'no body'})`,
    );
    return issues;
  }
  if (expected.schema && /[/+]json$/.test(mediaType)) {
    let body: unknown;
    try {
      body = JSON.parse(answer.body);
    } catch {
      return [...issues, `the ${mediaType} body is not JSON`];
    }
    const result = expected.schema.safeParse(body);
    if (!result.success) {
      issues.push(
        ...result.error.issues.map(
          (issue) => `body at ${['$', ...issue.path.map(String)].join('.')}: ${issue.message}`,
        ),
      );
    }
  }
  return issues;
};
