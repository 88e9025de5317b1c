/**
 * The Open311 GeoReport v2 routes under /open311/v2: part of the one wiring declaration.
 *
 * API Gateway path variables are whole segments, so `services.{format}` cannot be a template:
 * a resource named by the format alone (discovery, services, requests) is declared twice, `.json`
 * and `.xml`, both served by one handler that reads the format from the path; a resource named by
 * a code or id is `{file}` (`voirie.xml`, `01J….json`), parsed by its schema.
 */
import type { z } from 'zod';
import { defineRoute } from '../wiring/define';
import type { RouteContract, RouteDeclaration } from '../wiring/types';
import {
  CreatedRequestView,
  DiscoveryView,
  ErrorList,
  JurisdictionQuery,
  PostServiceRequestForm,
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

const ERROR_STATUSES = {
  400: "Open311 error list: the request can't be fulfilled as sent (a missing or invalid field, a rule)",
  404: 'Open311 error list: jurisdiction_id, service_code or service_request_id not found',
};
const jsonErrors: RouteContract['errors'] = {
  statuses: ERROR_STATUSES,
  contentType: 'application/json',
  schema: ErrorList,
};
const xmlErrors: RouteContract['errors'] = { statuses: ERROR_STATUSES, contentType: 'text/xml' };

/** The `.json` and `.xml` declarations of one resource: same handler and input, each its own answer. */
const inBothFormats = <const R extends Omit<RouteDeclaration, 'path' | 'contract'>, const C extends RouteContract>(
  path: string,
  route: R,
  contract: C & { readonly responses: Record<number, { description: string; schema: z.ZodType }> },
) => ({
  json: defineRoute({ ...route, path: `${path}.json`, contract: { ...contract, errors: jsonErrors } }),
  xml: defineRoute({
    ...route,
    id: `${route.id}Xml`,
    path: `${path}.xml`,
    contract: {
      ...contract,
      responses: Object.fromEntries(
        Object.entries(contract.responses).map(([status, { description }]) => [
          status,
          { description: `${description}, as XML`, contentType: 'text/xml' },
        ]),
      ),
      errors: xmlErrors,
    },
  }),
});

const discovery = inBothFormats(
  `${V2}/discovery`,
  {
    id: 'open311Discovery',
    method: 'GET',
    handler: fn('get-discovery'),
    access: 'public',
    table: 'none',
    tag,
    summary: 'Open311 service discovery: the GeoReport v2 endpoint, its formats, how to get in touch',
  },
  { responses: { 200: { description: 'The discovery document', schema: DiscoveryView } } },
);

const services = inBothFormats(
  `${V2}/services`,
  {
    id: 'open311ListServices',
    method: 'GET',
    handler: fn('list-services'),
    access: 'public',
    table: 'read',
    tag,
    summary: "GET Service List: the jurisdiction's report categories as Open311 services",
  },
  {
    query: JurisdictionQuery,
    responses: { 200: { description: 'The services', schema: ServiceView.array() } },
  },
);

const requests = inBothFormats(
  `${V2}/requests`,
  {
    id: 'open311ListServiceRequests',
    method: 'GET',
    handler: fn('list-service-requests'),
    access: 'public',
    table: 'read',
    objectStore: 'read',
    tag,
    summary: 'GET Service Requests: by id, or filed in a period (90 days at most), newest first, at most 1000',
  },
  {
    query: RequestsQuery,
    responses: {
      200: { description: 'The service requests, without personal data', schema: ServiceRequestView.array() },
    },
  },
);

const post = inBothFormats(
  `${V2}/requests`,
  {
    id: 'open311PostServiceRequest',
    method: 'POST',
    handler: fn('post-service-request'),
    access: 'public',
    table: 'write',
    publishesEvents: true,
    idempotent: true,
    bodyFormat: 'form',
    tag,
    summary:
      'POST Service Request (form-encoded): files a report, anonymously with email or with a bearer token; honours Idempotency-Key',
  },
  {
    body: PostServiceRequestForm,
    responses: { 200: { description: 'The request created', schema: CreatedRequestView.array() } },
  },
);

export const open311Routes = {
  discoveryJson: discovery.json,
  discoveryXml: discovery.xml,
  listServicesJson: services.json,
  listServicesXml: services.xml,
  getServiceDefinition: defineRoute({
    id: 'open311GetServiceDefinition',
    method: 'GET',
    path: `${V2}/services/{file}`,
    handler: fn('get-service-definition'),
    access: 'public',
    table: 'read',
    tag,
    summary: "GET Service Definition: a service's attributes (its category's questions); {service_code}.json|xml",
    contract: {
      params: ResourceParams,
      query: JurisdictionQuery,
      responses: { 200: { description: 'The service definition (as XML for .xml)', schema: ServiceDefinitionView } },
      errors: jsonErrors,
    },
  }),
  listServiceRequestsJson: requests.json,
  listServiceRequestsXml: requests.xml,
  postServiceRequestJson: post.json,
  postServiceRequestXml: post.xml,
  getServiceRequest: defineRoute({
    id: 'open311GetServiceRequest',
    method: 'GET',
    path: `${V2}/requests/{file}`,
    handler: fn('get-service-request'),
    access: 'public',
    table: 'read',
    objectStore: 'read',
    tag,
    summary: 'GET Service Request: one request, as a one-element list; {service_request_id}.json|xml',
    contract: {
      params: ResourceParams,
      query: JurisdictionQuery,
      responses: {
        200: {
          description: 'The request, without personal data (as XML for .xml)',
          schema: ServiceRequestView.array(),
        },
      },
      errors: jsonErrors,
    },
  }),
  getToken: defineRoute({
    id: 'open311GetToken',
    method: 'GET',
    path: `${V2}/tokens/{file}`,
    handler: fn('get-token'),
    access: 'public',
    table: 'read',
    objectStore: 'read',
    tag,
    summary: 'GET service_request_id from a token: requests are realtime here, so a token is its request id',
    contract: {
      params: ResourceParams,
      query: JurisdictionQuery,
      responses: { 200: { description: 'The request id (as XML for .xml)', schema: TokenView.array() } },
      errors: jsonErrors,
    },
  }),
} as const;
