/**
 * The OpenAPI 3.1 document, generated from the wiring declaration: each route's zod schemas are
 * the ones that validate its requests, so the document cannot drift from the code.
 */
import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { routes } from '../wiring/index';
import type { RouteDeclaration } from '../wiring/types';

const Problem = z
  .object({
    type: z.string().meta({ example: 'urn:ville-ouverte:problem:invalid-input' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    correlationId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    rule: z.string().optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});

/** A route that writes its errors in its own format (Open311) documents exactly those. */
const ownErrorResponses = ({ statuses, contentType, schema }: NonNullable<RouteDeclaration['contract']['errors']>) =>
  Object.fromEntries(
    Object.entries(statuses).map(([status, description]) => [
      status,
      { description, content: { [contentType]: schema ? { schema } : {} } },
    ]),
  );

const errorResponses = (route: RouteDeclaration) =>
  route.contract.errors ? ownErrorResponses(route.contract.errors) : problemErrorResponses(route);

const problemErrorResponses = (route: RouteDeclaration) => ({
  ...(route.contract.params || route.contract.query || route.contract.body
    ? { 400: problemResponse('Invalid request') }
    : {}),
  ...(route.access !== 'public'
    ? { 401: problemResponse('Missing or invalid token'), 403: problemResponse('Not allowed for this caller') }
    : {}),
  ...(route.contract.params ? { 404: problemResponse('Not found') } : {}),
  ...(route.contract.body ? { 413: problemResponse('Body too large'), 415: problemResponse('Not JSON') } : {}),
  ...(route.access !== 'public' && route.method !== 'GET'
    ? { 409: problemResponse('Changed meanwhile'), 422: problemResponse('A business rule refuses it') }
    : {}),
});

const operation = (route: RouteDeclaration): ZodOpenApiOperationObject => {
  const { params, query, body, responses } = route.contract;
  return {
    operationId: route.id,
    summary: route.summary,
    tags: [route.tag],
    ...(route.access === 'public'
      ? {}
      : { security: [{ bearer: [] }], description: `Requires the ${route.access} role.` }),
    requestParams: {
      ...(params ? { path: params as z.ZodObject } : {}),
      ...(query ? { query: query as z.ZodObject } : {}),
    },
    ...(body
      ? {
          requestBody: {
            required: true,
            content: {
              [route.bodyFormat === 'form' ? 'application/x-www-form-urlencoded' : 'application/json']: {
                schema: body,
              },
            },
          },
        }
      : {}),
    responses: {
      ...Object.fromEntries(
        Object.entries(responses).map(([status, response]) => [
          status,
          {
            description: response.description,
            ...(response.schema || response.contentType
              ? {
                  content: {
                    [response.contentType ?? 'application/json']: response.schema ? { schema: response.schema } : {},
                  },
                }
              : {}),
          },
        ]),
      ),
      ...errorResponses(route),
    },
  };
};

export const openApiDocument = () => {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes.filter((r) => !r.hidden)) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(route) };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Ville Ouverte API',
      version: '0.1.0',
      description:
        'The digital public service platform of a metropolis and its communes. Errors are RFC 9457 problem+json. ' +
        'Tokens are OpenID Connect JWTs; on one machine, get one with POST /_local/token.',
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  });
};
