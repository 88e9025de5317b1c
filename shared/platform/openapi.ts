/**
 * The OpenAPI 3.1 document, generated from the wiring declaration: each route's zod schemas are
 * the ones that validate its requests, and its answers are those shared/wiring/contract.ts lists
 * (the ones the local gateway holds the handlers to in tests), so the document cannot drift from
 * the code.
 */
import * as z from 'zod';
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponsesObject,
} from 'zod-openapi';
import { expectedAnswers } from '../wiring/contract';
import { routes } from '../wiring/index';
import type { HeaderDeclaration, RouteDeclaration } from '../wiring/types';

const REQUEST_MEDIA_TYPES = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
  csv: 'text/csv',
  multipart: 'multipart/form-data',
} as const satisfies Record<NonNullable<RouteDeclaration['bodyFormat']>, string>;

const headerSchema = (header: HeaderDeclaration) => header.schema ?? z.string();

/** Who may call the route: a bearer token, or a partner's API key (either header). */
const security = (route: RouteDeclaration): Record<string, string[]>[] | undefined => {
  if (route.credentials === 'apiKey') return [{ apiKeyHeader: [] }, { apiKeyAuthorization: [] }];
  return route.access === 'public' ? undefined : [{ bearer: [] }];
};

const requestHeaders = (route: RouteDeclaration) => {
  const headers = route.contract.headers;
  if (!headers) return undefined;
  return z.object(
    Object.fromEntries(
      Object.entries(headers).map(([name, header]) => {
        const schema = headerSchema(header).meta({ description: header.description });
        return [name, header.required ? schema : schema.optional()];
      }),
    ),
  );
};

const responses = (route: RouteDeclaration): ZodOpenApiResponsesObject =>
  Object.fromEntries(
    [...expectedAnswers(route)].map(([status, answer]) => [
      String(status),
      {
        description: answer.description,
        ...(Object.keys(answer.headers).length > 0
          ? {
              headers: z.object(
                Object.fromEntries(
                  Object.entries(answer.headers).map(([name, header]) => [
                    name,
                    headerSchema(header).meta({ description: header.description }),
                  ]),
                ),
              ),
            }
          : {}),
        ...(answer.contentTypes.length > 0
          ? {
              content: Object.fromEntries(
                answer.contentTypes.map((type) => [
                  type,
                  answer.schema && /[/+]json$/.test(type) ? { schema: answer.schema } : {},
                ]),
              ),
            }
          : {}),
      },
    ]),
  );

const operation = (route: RouteDeclaration): ZodOpenApiOperationObject => {
  const { params, query, body } = route.contract;
  const headers = requestHeaders(route);
  return {
    operationId: route.id,
    summary: route.summary,
    tags: [route.tag],
    ...(security(route) ? { security: security(route) } : {}),
    ...(route.access === 'public' ? {} : { description: `Requires the ${route.access} role.` }),
    requestParams: {
      ...(params ? { path: params as z.ZodObject } : {}),
      ...(query ? { query: query as z.ZodObject } : {}),
      ...(headers ? { header: headers } : {}),
    },
    ...(body
      ? {
          requestBody: {
            required: true,
            content: {
              [REQUEST_MEDIA_TYPES[route.bodyFormat ?? 'json']]: {
                schema: body,
              },
            },
          },
        }
      : {}),
    responses: responses(route),
  };
};

export const openApiDocument = () => {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes.filter((r) => !r.hidden)) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(route) };
  }
  const document = createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Ville Ouverte API',
      version: '0.1.0',
      description:
        'The digital public service platform of a metropolis and its communes. Errors are RFC 9457 problem+json ' +
        '(Open311 and NGSI-LD routes answer in their own formats). Tokens are OpenID Connect JWTs; on one ' +
        'machine, get one with POST /_local/token. Sensor partners authenticate with an API key.',
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'A partner API key' },
        apiKeyAuthorization: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description: 'The same key as `Authorization: ApiKey <key>`',
        },
      },
    },
  });
  // Without it, validators read the schemas as draft-07 and reject 2020-12 tuples (bbox).
  return { ...document, jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base' };
};
