/**
 * The Open311 GeoReport v2 routes under /open311/v2: part of the one wiring declaration.
 *
 * API Gateway path variables are whole segments, so `services.{format}` cannot be a template:
 * a resource named by the format alone (discovery, services, requests) is declared twice, `.json`
 * and `.xml`, both served by one handler that reads the format from the path; a resource named by
 * a code or id is `{file}` (`voirie.xml`, `01J….json`), parsed by its schema.
 */
import type { ZodType } from 'zod';
import { page } from '../kernel/schemas';
import { TerritoryParams } from '../territory/territory-shared-schemas';
import { defineRoute } from '../wiring/define';
import type { RouteContract, RouteDeclaration } from '../wiring/types';
import {
  ClientAppView,
  ClientParams,
  CreatedRequestView,
  DiscoveryView,
  ErrorList,
  JurisdictionQuery,
  Open311SettingsBody,
  Open311SettingsView,
  PostServiceRequestForm,
  RegisterClientBody,
  RegisteredClientView,
  RequestsQuery,
  ResourceParams,
  ServiceDefinitionView,
  ServiceRequestView,
  ServiceView,
  TokenView,
} from './open311-schemas';

const tag = 'Open311';
const fn = (name: string) => `functions/open311/${name}.ts`;
const V2 = '/open311/v2';
const JSON_TYPE = 'application/json';
const XML_TYPE = 'text/xml';

/** Every error is Open311's error list, with the specification's statuses (open311.ts open311HttpStatus). */
const ERROR_STATUSES = {
  400: "Open311 error list: the request can't be fulfilled as sent (a missing or invalid field, a rule)",
  404: 'Open311 error list: jurisdiction_id, service_code or service_request_id not found',
  500: 'Open311 error list: an unexpected error of ours (quote the correlation id it names)',
};
/**
 * A POST may also meet its api_key refused (403, the specification's status for it), or its
 * Idempotency-Key in use (409) or reused for another request (422).
 */
const POST_ERROR_STATUSES = {
  ...ERROR_STATUSES,
  403: 'Open311 error list: api_key not provided (the jurisdiction requires one), not valid for it, or revoked',
  409: 'Open311 error list: a request with this Idempotency-Key is still in progress, or the report changed meanwhile',
  422: 'Open311 error list: this Idempotency-Key was already used for a different request',
};
type ErrorStatuses = Readonly<Record<number, string>>;
const jsonErrors = (statuses: ErrorStatuses = ERROR_STATUSES) =>
  ({ statuses, contentType: JSON_TYPE, schema: ErrorList }) as const;
const xmlErrors = (statuses: ErrorStatuses = ERROR_STATUSES) => ({ statuses, contentType: XML_TYPE }) as const;

/** A POST honouring Idempotency-Key reads it. */
const idempotencyKey = {
  'idempotency-key': { description: 'Any unique string: a retry with the same key gets the first answer again (24 h)' },
} as const;

/**
 * The `.json` and `.xml` declarations of one resource: same handler and input, each its own
 * answer (JSON described by its schema; XML the same value in the Spark convention, open311-xml.ts).
 */
const inBothFormats = <
  const R extends Omit<RouteDeclaration, 'path' | 'contract'>,
  const C extends Omit<RouteContract, 'responses' | 'errors'>,
>(
  path: string,
  route: R,
  contract: C,
  ok: { readonly description: string; readonly schema: ZodType },
  errorStatuses: ErrorStatuses = ERROR_STATUSES,
) => ({
  json: defineRoute({
    ...route,
    path: `${path}.json`,
    contract: { ...contract, responses: { 200: { ...ok, contentType: JSON_TYPE } }, errors: jsonErrors(errorStatuses) },
  }),
  xml: defineRoute({
    ...route,
    id: `${route.id}Xml` as `${R['id']}Xml`,
    path: `${path}.xml`,
    contract: {
      ...contract,
      responses: { 200: { description: `${ok.description}, as XML`, contentType: XML_TYPE } },
      errors: xmlErrors(errorStatuses),
    },
  }),
});

/**
 * A resource named by a code or id, `{file}` = `voirie.json` or `voirie.xml`: one declaration
 * answering either format. A route declares one media type for its own errors: JSON here, though
 * a `.xml` resource gets its errors in XML.
 */
const eitherFormat = (ok: { readonly description: string; readonly schema: ZodType }) => ({
  params: ResourceParams,
  query: JurisdictionQuery,
  responses: { 200: { ...ok, contentType: JSON_TYPE, alternatives: [XML_TYPE] } },
  errors: jsonErrors(),
});

const discovery = inBothFormats(
  `${V2}/discovery`,
  {
    id: 'open311Discovery',
    method: 'GET',
    handler: fn('open311-discovery'),
    access: 'public',
    table: 'none',
    tag,
    summary: 'Open311 service discovery: the GeoReport v2 endpoint, its formats, how to get in touch',
  },
  {},
  { description: 'The discovery document', schema: DiscoveryView },
);

const services = inBothFormats(
  `${V2}/services`,
  {
    id: 'open311ListServices',
    method: 'GET',
    handler: fn('open311-list-services'),
    access: 'public',
    table: 'read',
    tag,
    summary: "GET Service List: the jurisdiction's report categories as Open311 services",
  },
  { query: JurisdictionQuery },
  { description: 'The services', schema: ServiceView.array() },
);

const requests = inBothFormats(
  `${V2}/requests`,
  {
    id: 'open311ListServiceRequests',
    method: 'GET',
    handler: fn('open311-list-service-requests'),
    access: 'public',
    table: 'read',
    objectStore: 'read',
    tag,
    summary: 'GET Service Requests: by id, or filed in a period (90 days at most), newest first, at most 1000',
  },
  { query: RequestsQuery },
  { description: 'The service requests, without personal data', schema: ServiceRequestView.array() },
);

const post = inBothFormats(
  `${V2}/requests`,
  {
    id: 'open311PostServiceRequest',
    method: 'POST',
    handler: fn('open311-post-service-request'),
    access: 'public',
    table: 'write',
    publishesEvents: true,
    idempotent: true,
    bodyFormat: 'form',
    tag,
    summary:
      'POST Service Request (form-encoded): files a report, anonymously with email or with a bearer token; honours Idempotency-Key',
  },
  { body: PostServiceRequestForm, headers: idempotencyKey },
  { description: 'The request created', schema: CreatedRequestView.array() },
  POST_ERROR_STATUSES,
);

export const open311Routes = {
  open311Discovery: discovery.json,
  open311DiscoveryXml: discovery.xml,
  open311ListServices: services.json,
  open311ListServicesXml: services.xml,
  open311GetServiceDefinition: defineRoute({
    id: 'open311GetServiceDefinition',
    method: 'GET',
    path: `${V2}/services/{file}`,
    handler: fn('open311-get-service-definition'),
    access: 'public',
    table: 'read',
    tag,
    summary: "GET Service Definition: a service's attributes (its category's questions); {service_code}.json|xml",
    contract: eitherFormat({ description: 'The service definition (as XML for .xml)', schema: ServiceDefinitionView }),
  }),
  open311ListServiceRequests: requests.json,
  open311ListServiceRequestsXml: requests.xml,
  open311PostServiceRequest: post.json,
  open311PostServiceRequestXml: post.xml,
  open311GetServiceRequest: defineRoute({
    id: 'open311GetServiceRequest',
    method: 'GET',
    path: `${V2}/requests/{file}`,
    handler: fn('open311-get-service-request'),
    access: 'public',
    table: 'read',
    objectStore: 'read',
    tag,
    summary: 'GET Service Request: one request, as a one-element list; {service_request_id}.json|xml',
    contract: eitherFormat({
      description: 'The request, without personal data (as XML for .xml)',
      schema: ServiceRequestView.array(),
    }),
  }),
  open311GetToken: defineRoute({
    id: 'open311GetToken',
    method: 'GET',
    path: `${V2}/tokens/{file}`,
    handler: fn('open311-get-token'),
    access: 'public',
    table: 'read',
    objectStore: 'read',
    tag,
    summary: 'GET service_request_id from a token: requests are realtime here, so a token is its request id',
    contract: eitherFormat({ description: 'The request id (as XML for .xml)', schema: TokenView.array() }),
  }),

  // Client applications and the api_key setting: a territory admin's, in problem+json like the
  // platform's other admin routes (only the GeoReport resources speak Open311's format).
  registerOpen311Client: defineRoute({
    id: 'registerOpen311Client',
    method: 'POST',
    path: '/territories/{siren}/open311/clients',
    handler: fn('register-open311-client'),
    access: 'admin',
    table: 'write',
    publishesEvents: true,
    // Not `idempotent`: a replayed answer would have to store the key in clear.
    tag,
    summary: 'Register an Open311 client application: its api_key is shown once, in this answer, and stored hashed',
    contract: {
      params: TerritoryParams,
      body: RegisterClientBody,
      responses: {
        201: {
          description: 'The client application, with its key in clear this once',
          schema: RegisteredClientView,
          headers: {
            Location: { description: 'The new client (DELETE it to revoke its key)' },
            'Cache-Control': { description: 'no-store: the key is in this answer only' },
          },
        },
      },
    },
  }),
  listOpen311Clients: defineRoute({
    id: 'listOpen311Clients',
    method: 'GET',
    path: '/territories/{siren}/open311/clients',
    handler: fn('list-open311-clients'),
    access: 'admin',
    table: 'read',
    tag,
    summary: "The territory's Open311 client applications, active and revoked (never their keys)",
    contract: {
      params: TerritoryParams,
      responses: { 200: { description: 'Client applications, oldest first', schema: page(ClientAppView) } },
    },
  }),
  revokeOpen311Client: defineRoute({
    id: 'revokeOpen311Client',
    method: 'DELETE',
    path: '/territories/{siren}/open311/clients/{clientId}',
    handler: fn('revoke-open311-client'),
    access: 'admin',
    table: 'write',
    publishesEvents: true,
    tag,
    summary: "Revoke a client application's api_key, with immediate effect (kept listed as revoked)",
    contract: {
      params: ClientParams,
      responses: { 200: { description: 'The revoked client application', schema: ClientAppView } },
    },
  }),
  getOpen311Settings: defineRoute({
    id: 'getOpen311Settings',
    method: 'GET',
    path: '/territories/{siren}/open311/settings',
    handler: fn('get-open311-settings'),
    access: 'admin',
    table: 'read',
    tag,
    summary: 'Whether Open311 POST requests without an api_key are taken (by default, yes)',
    contract: {
      params: TerritoryParams,
      responses: { 200: { description: "The territory's Open311 setting", schema: Open311SettingsView } },
    },
  }),
  setOpen311Settings: defineRoute({
    id: 'setOpen311Settings',
    method: 'PUT',
    path: '/territories/{siren}/open311/settings',
    handler: fn('set-open311-settings'),
    access: 'admin',
    table: 'write',
    publishesEvents: true,
    tag,
    summary: 'Say whether Open311 POST requests without an api_key are taken (audited)',
    contract: {
      params: TerritoryParams,
      body: Open311SettingsBody,
      responses: { 200: { description: 'The setting as saved', schema: Open311SettingsView } },
    },
  }),
} as const;
