/**
 * The NGSI-LD routes' HTTP conventions over the platform's HTTP stack: content negotiation
 * (application/ld+json with the @context in the body, or application/json with the context in a
 * Link header), the NGSILD-Tenant header (or the deployment's default tenant, NGSI_LD_DEFAULT_TENANT), and errors as NGSI-LD ProblemDetails with ETSI's own
 * types (application/json) instead of the platform's problem+json — those raised by the stack
 * itself (a request it refuses before the handler, an unexpected error) included. The routes
 * declare all of it (sensors-routes.ts: `responses`, `headers`, `errors`).
 */
import { InvalidCursorError, InvalidInputError, NotFoundError, RuleViolationError } from '../kernel/errors';
import type { Problem } from '../kernel/problem';
import { config } from '../runtime/config';
import { httpHandler, type HttpRequest, type HttpResponse, type RouteResponse } from '../runtime/http';
import { logger } from '../runtime/logger';
import type { RouteDeclaration } from '../wiring/types';
import { CONTEXT, CONTEXT_LINK, negotiate, NgsiLdError, ngsiLdProblem, type NgsiLdErrorType } from './ngsi-ld';
import type { TenantChoice } from './ngsi-ld-use-cases';

export interface NgsiLdResult {
  /** One entity, or a list of them. */
  readonly body: Record<string, unknown> | readonly Record<string, unknown>[];
  readonly tenant: string;
  /** 200 unless said otherwise (206: a partial temporal answer). */
  readonly status?: 200 | 206;
  readonly headers?: Readonly<Record<string, string>>;
}

const errorTypeOf = (error: unknown): NgsiLdErrorType | undefined => {
  if (error instanceof NgsiLdError) return error.errorType;
  if (error instanceof InvalidInputError || error instanceof InvalidCursorError || error instanceof RuleViolationError)
    return 'BadRequestData';
  if (error instanceof NotFoundError) return 'ResourceNotFound';
  return undefined;
};

const CONTENT_TYPE = 'application/json';

const problemResponse = (error: unknown, correlationId: string): HttpResponse => {
  const known = errorTypeOf(error);
  if (!known) logger.error('unexpected error', error as Error);
  const { status, body } = known
    ? ngsiLdProblem(known, (error as Error).message)
    : ngsiLdProblem(
        'InternalError',
        `An unexpected error occurred. Quote correlation id ${correlationId} when reporting it.`,
      );
  return { status, body, contentType: CONTENT_TYPE };
};

/** What the platform's stack refused before the handler ran (a 400, a 500), in NGSI-LD's words. */
const renderStackError = (problem: Problem): HttpResponse => {
  const { status, body } = ngsiLdProblem(
    problem.status === 404 ? 'ResourceNotFound' : problem.status < 500 ? 'BadRequestData' : 'InternalError',
    problem.detail,
  );
  return { status, body, contentType: CONTENT_TYPE };
};

const notAcceptable: HttpResponse = {
  status: 406,
  body: {
    type: 'about:blank',
    title: 'Not Acceptable',
    status: 406,
    detail: 'Accept application/ld+json or application/json',
  },
  contentType: CONTENT_TYPE,
};

export const ngsiLdHandler = <const R extends RouteDeclaration>(
  route: R,
  handle: (request: HttpRequest<R>, tenant: TenantChoice) => Promise<NgsiLdResult>,
) =>
  httpHandler(
    route,
    async (request) => {
      const answer = async (): Promise<HttpResponse> => {
        const representation = negotiate(request.headers.accept);
        if (!representation) return notAcceptable;
        try {
          const header = request.headers['ngsild-tenant'] || undefined;
          const fallback = config.ngsiLdDefaultTenant;
          const result = await handle(request, { ...(header ? { header } : {}), ...(fallback ? { fallback } : {}) });
          const withContext = (entity: Record<string, unknown>) =>
            representation === 'ld+json' ? { ...entity, '@context': CONTEXT } : entity;
          return {
            status: result.status ?? 200,
            body: Array.isArray(result.body)
              ? result.body.map(withContext)
              : withContext(result.body as Record<string, unknown>),
            contentType: representation === 'ld+json' ? 'application/ld+json' : 'application/json',
            headers: {
              ...(representation === 'json' ? { Link: CONTEXT_LINK } : {}),
              'NGSILD-Tenant': result.tenant,
              ...result.headers,
            },
          };
        } catch (error) {
          return problemResponse(error, request.correlationId);
        }
      };
      // The statuses, media types and headers above are those every NGSI-LD route declares
      // (sensors-routes.ts ngsiLdAnswer, ngsiLdErrors): a generic route's answer type cannot be
      // resolved here, so it is asserted once, and the local gateway checks each answer in tests.
      return (await answer()) as RouteResponse<R>;
    },
    { renderError: renderStackError },
  );
