/**
 * The sensors context's routes: part of the one wiring declaration (shared/wiring). Each route's
 * key is its id and its handler file the id in kebab-case.
 * Ingestion is `public` at the gateway (no JWT authorizer): partners authenticate with an API key
 * (`credentials: 'apiKey'`), which the handler checks itself (ingestion-use-cases.ts authenticatePartner).
 * The NGSI-LD routes speak NGSI-LD: application/ld+json or application/json, and errors as ETSI's
 * ProblemDetails in application/json (ngsi-ld-http.ts).
 */
import { page } from '../kernel/schemas';
import { defineRoute } from '../wiring/define';
import type { HeaderDeclaration } from '../wiring/types';
import {
  AcceptedView,
  AlertActionBody,
  AlertParams,
  AlertRuleView,
  AlertView,
  ApiKeyView,
  IngestBody,
  IssuedKeyView,
  IssueKeyBody,
  KeyParams,
  ListAlertsQuery,
  ListRejectsQuery,
  RejectedIngestionView,
  RejectParams,
  ListSensorsQuery,
  NgsiLdEntitiesQuery,
  NgsiLdEntityList,
  NgsiLdEntityParams,
  NgsiLdEntityQuery,
  NgsiLdEntityView,
  NgsiLdProblem,
  NgsiLdTemporalQuery,
  PartnerParams,
  PartnerView,
  RegisterPartnerBody,
  RuleParams,
  SaveRuleBody,
  SaveSensorBody,
  SensorParams,
  SensorView,
  SensorWithLatestView,
  SeriesQuery,
  SeriesView,
  SirenParams,
} from './sensors-schemas';
import {
  NgsiLdTemporalEntitiesQuery,
  NgsiLdTypeInfoView,
  NgsiLdTypeParams,
  NgsiLdTypesQuery,
  NgsiLdTypesView,
} from './ngsi-ld-schemas';

const tag = 'Sensors';
const fn = (name: string) => `functions/sensors/${name}.ts`;

// ----- NGSI-LD conventions -----

const NGSI_LD_TENANT = {
  'ngsild-tenant': {
    description:
      "The tenant: the territory's SIREN (optional when the entity id names it or the deployment names a default tenant)",
    required: false,
  },
} as const satisfies Readonly<Record<string, HeaderDeclaration>>;

/** Entities come as application/ld+json (with @context) or application/json (context in a Link header). */
const ngsiLdAnswer = <const H extends Readonly<Record<string, HeaderDeclaration>>>(
  description: string,
  schema: typeof NgsiLdEntityView | typeof NgsiLdEntityList | typeof NgsiLdTypesView | typeof NgsiLdTypeInfoView,
  headers: H,
) =>
  ({
    description,
    schema,
    contentType: 'application/ld+json',
    alternatives: ['application/json'],
    headers: {
      'NGSILD-Tenant': { description: 'The tenant the answer is about' },
      Link: { description: 'The JSON-LD @context, with application/json' },
      ...headers,
    },
  }) as const;

const ngsiLdErrors = (statuses: Readonly<Record<number, string>>) => ({
  statuses: {
    400: 'BadRequestData: the request is not valid',
    404: 'ResourceNotFound or NonexistentTenant',
    406: 'Neither application/ld+json nor application/json is acceptable',
    500: 'InternalError (quote the correlation id)',
    ...statuses,
  },
  contentType: 'application/json',
  schema: NgsiLdProblem,
});

export const sensorRoutes = {
  registerSensorPartner: defineRoute({
    id: 'registerSensorPartner',
    method: 'POST',
    path: '/territories/{siren}/sensor-partners',
    handler: fn('register-sensor-partner'),
    access: 'admin',
    table: 'write',
    publishesEvents: true,
    idempotent: true,
    tag,
    summary: 'Register a partner (company, start-up, university) that pushes sensor data',
    contract: {
      params: SirenParams,
      body: RegisterPartnerBody,
      headers: { 'idempotency-key': { description: 'Makes a retry return the first answer (24 h)' } },
      responses: {
        201: {
          description: 'The partner',
          schema: PartnerView,
          headers: { Location: { description: 'The new partner' } },
        },
      },
    },
  }),
  listSensorPartners: defineRoute({
    id: 'listSensorPartners',
    method: 'GET',
    path: '/territories/{siren}/sensor-partners',
    handler: fn('list-sensor-partners'),
    access: 'admin',
    table: 'read',
    tag,
    summary: "The territory's sensor partners",
    contract: { params: SirenParams, responses: { 200: { description: 'Partners', schema: page(PartnerView) } } },
  }),
  issuePartnerApiKey: defineRoute({
    id: 'issuePartnerApiKey',
    method: 'POST',
    path: '/territories/{siren}/sensor-partners/{partnerId}/api-keys',
    handler: fn('issue-partner-api-key'),
    access: 'admin',
    table: 'write',
    publishesEvents: true,
    // Not `idempotent`: a replayed answer would have to store the key in clear.
    tag,
    summary: 'Issue an API key to a partner: shown once, stored hashed; older keys stay valid until revoked',
    contract: {
      params: PartnerParams,
      body: IssueKeyBody,
      responses: {
        201: {
          description: 'The key, in clear this once',
          schema: IssuedKeyView,
          headers: {
            Location: { description: 'The new key (DELETE it to revoke it)' },
            'Cache-Control': { description: 'no-store: the key is in this answer only' },
          },
        },
      },
    },
  }),
  listPartnerApiKeys: defineRoute({
    id: 'listPartnerApiKeys',
    method: 'GET',
    path: '/territories/{siren}/sensor-partners/{partnerId}/api-keys',
    handler: fn('list-partner-api-keys'),
    access: 'admin',
    table: 'read',
    tag,
    summary: "A partner's API keys (never the keys themselves)",
    contract: { params: PartnerParams, responses: { 200: { description: 'Keys', schema: page(ApiKeyView) } } },
  }),
  revokePartnerApiKey: defineRoute({
    id: 'revokePartnerApiKey',
    method: 'DELETE',
    path: '/territories/{siren}/sensor-partners/{partnerId}/api-keys/{keyId}',
    handler: fn('revoke-partner-api-key'),
    access: 'admin',
    table: 'write',
    publishesEvents: true,
    tag,
    summary: 'Revoke an API key, with immediate effect',
    contract: { params: KeyParams, responses: { 200: { description: 'The revoked key', schema: ApiKeyView } } },
  }),
  saveSensor: defineRoute({
    id: 'saveSensor',
    method: 'PUT',
    path: '/territories/{siren}/sensors/{sensorId}',
    handler: fn('save-sensor'),
    access: 'admin',
    table: 'write',
    publishesEvents: true,
    tag,
    summary: 'Register or update a sensor (its commune is derived from its location)',
    contract: {
      params: SensorParams,
      body: SaveSensorBody,
      responses: { 200: { description: 'The sensor', schema: SensorView } },
    },
  }),
  listSensors: defineRoute({
    id: 'listSensors',
    method: 'GET',
    path: '/territories/{siren}/sensors',
    handler: fn('list-sensors'),
    access: 'public',
    table: 'read',
    tag,
    summary: 'Sensors with their latest values, by type, commune and/or bounding box',
    contract: {
      params: SirenParams,
      query: ListSensorsQuery,
      responses: { 200: { description: 'A page of sensors', schema: page(SensorWithLatestView) } },
    },
  }),
  getSensor: defineRoute({
    id: 'getSensor',
    method: 'GET',
    path: '/territories/{siren}/sensors/{sensorId}',
    handler: fn('get-sensor'),
    access: 'public',
    table: 'read',
    tag,
    summary: 'A sensor with its latest values',
    contract: { params: SensorParams, responses: { 200: { description: 'The sensor', schema: SensorWithLatestView } } },
  }),
  getSensorSeries: defineRoute({
    id: 'getSensorSeries',
    method: 'GET',
    path: '/territories/{siren}/sensors/{sensorId}/series',
    handler: fn('get-sensor-series'),
    access: 'public',
    table: 'read',
    tag,
    summary: "A property's values over a time range: raw points, or hourly or daily rollups",
    contract: {
      params: SensorParams,
      query: SeriesQuery,
      responses: { 200: { description: 'A page, oldest first', schema: SeriesView } },
      problems: { 422: 'Hourly or daily rollups of a property that is not numeric' },
    },
  }),
  ingestObservations: defineRoute({
    id: 'ingestObservations',
    method: 'POST',
    path: '/territories/{siren}/observations',
    handler: fn('ingest-observations'),
    access: 'public',
    credentials: 'apiKey',
    table: 'read',
    // Sends the accepted batch to the observation queue.
    publishesEvents: true,
    tag,
    summary: 'Push up to 500 observations of your sensors (partner API key: X-Api-Key or Authorization: ApiKey)',
    contract: {
      params: SirenParams,
      body: IngestBody,
      headers: {
        'x-api-key': { description: 'Your API key (or send it as `Authorization: ApiKey <key>`)' },
      },
      responses: { 202: { description: 'Accepted and queued', schema: AcceptedView } },
    },
  }),
  saveSensorAlertRule: defineRoute({
    id: 'saveSensorAlertRule',
    method: 'PUT',
    path: '/territories/{siren}/sensor-alert-rules/{ruleId}',
    handler: fn('save-sensor-alert-rule'),
    access: 'admin',
    table: 'write',
    publishesEvents: true,
    tag,
    summary: 'Create or change an alert rule on a sensor or a sensor type',
    contract: {
      params: RuleParams,
      body: SaveRuleBody,
      responses: { 200: { description: 'The rule', schema: AlertRuleView } },
    },
  }),
  listSensorAlertRules: defineRoute({
    id: 'listSensorAlertRules',
    method: 'GET',
    path: '/territories/{siren}/sensor-alert-rules',
    handler: fn('list-sensor-alert-rules'),
    access: 'agent',
    table: 'read',
    tag,
    summary: "The territory's alert rules",
    contract: { params: SirenParams, responses: { 200: { description: 'Rules', schema: page(AlertRuleView) } } },
  }),
  deleteSensorAlertRule: defineRoute({
    id: 'deleteSensorAlertRule',
    method: 'DELETE',
    path: '/territories/{siren}/sensor-alert-rules/{ruleId}',
    handler: fn('delete-sensor-alert-rule'),
    access: 'admin',
    table: 'write',
    publishesEvents: true,
    tag,
    summary: 'Delete an alert rule (its open alerts stay until closed)',
    contract: { params: RuleParams, responses: { 204: { description: 'Deleted' } } },
  }),
  listRejectedIngestion: defineRoute({
    id: 'listRejectedIngestion',
    method: 'GET',
    path: '/territories/{siren}/sensor-ingestion/rejects',
    handler: fn('list-rejected-ingestion'),
    access: 'admin',
    table: 'read',
    tag,
    summary:
      "Observations accepted but set aside by the writer (which partner, when, why), newest first: the territory admin's view of the DLQ",
    contract: {
      params: SirenParams,
      query: ListRejectsQuery,
      responses: { 200: { description: 'A page of rejections', schema: page(RejectedIngestionView) } },
    },
  }),
  redriveRejectedIngestion: defineRoute({
    id: 'redriveRejectedIngestion',
    method: 'POST',
    path: '/territories/{siren}/sensor-ingestion/rejects/{rejectId}/redrive',
    handler: fn('redrive-rejected-ingestion'),
    access: 'admin',
    table: 'write',
    // Queues the points again on the observation queue.
    publishesEvents: true,
    tag,
    summary: 'After a fix, queue the points of a rejection again (once); a point still unwritable is set aside again',
    contract: {
      params: RejectParams,
      responses: { 202: { description: 'Queued again', schema: RejectedIngestionView } },
    },
  }),
  listSensorAlerts: defineRoute({
    id: 'listSensorAlerts',
    method: 'GET',
    path: '/territories/{siren}/sensor-alerts',
    handler: fn('list-sensor-alerts'),
    access: 'agent',
    table: 'read',
    tag,
    summary: 'Sensor alerts in a state, newest first (a commune agent sees its commune)',
    contract: {
      params: SirenParams,
      query: ListAlertsQuery,
      responses: { 200: { description: 'A page of alerts', schema: page(AlertView) } },
    },
  }),
  acknowledgeSensorAlert: defineRoute({
    id: 'acknowledgeSensorAlert',
    method: 'POST',
    path: '/territories/{siren}/sensor-alerts/{alertId}/acknowledge',
    handler: fn('acknowledge-sensor-alert'),
    access: 'agent',
    table: 'write',
    publishesEvents: true,
    tag,
    summary: 'Take an open alert in hand',
    contract: {
      params: AlertParams,
      body: AlertActionBody,
      responses: { 200: { description: 'The alert', schema: AlertView } },
    },
  }),
  closeSensorAlert: defineRoute({
    id: 'closeSensorAlert',
    method: 'POST',
    path: '/territories/{siren}/sensor-alerts/{alertId}/close',
    handler: fn('close-sensor-alert'),
    access: 'agent',
    table: 'write',
    publishesEvents: true,
    tag,
    summary: 'Close an alert',
    contract: {
      params: AlertParams,
      body: AlertActionBody,
      responses: { 200: { description: 'The alert', schema: AlertView } },
    },
  }),
  ngsiLdQueryEntities: defineRoute({
    id: 'ngsiLdQueryEntities',
    method: 'GET',
    path: '/ngsi-ld/v1/entities',
    handler: fn('ngsi-ld-query-entities'),
    access: 'public',
    table: 'read',
    tag: 'NGSI-LD',
    summary: 'NGSI-LD query of sensor entities (tenant: NGSILD-Tenant header = territory SIREN)',
    contract: {
      query: NgsiLdEntitiesQuery,
      headers: NGSI_LD_TENANT,
      responses: {
        200: ngsiLdAnswer('Entities (Smart Data Models)', NgsiLdEntityList, {
          'NGSILD-Results-Count': { description: 'With count=true: how many entities match' },
        }),
      },
      errors: ngsiLdErrors({
        403: 'TooManyResults: a limit above 1000',
        422: 'OperationNotSupported: a q pattern (=~), or a georel or geometry outside near (Point), within and intersects (Polygon)',
      }),
    },
  }),
  ngsiLdGetEntity: defineRoute({
    id: 'ngsiLdGetEntity',
    method: 'GET',
    path: '/ngsi-ld/v1/entities/{id}',
    handler: fn('ngsi-ld-get-entity'),
    access: 'public',
    table: 'read',
    tag: 'NGSI-LD',
    summary: 'An NGSI-LD entity by id',
    contract: {
      params: NgsiLdEntityParams,
      query: NgsiLdEntityQuery,
      headers: NGSI_LD_TENANT,
      responses: { 200: ngsiLdAnswer('The entity', NgsiLdEntityView, {}) },
      errors: ngsiLdErrors({}),
    },
  }),
  ngsiLdGetTemporalEntity: defineRoute({
    id: 'ngsiLdGetTemporalEntity',
    method: 'GET',
    path: '/ngsi-ld/v1/temporal/entities/{id}',
    handler: fn('ngsi-ld-get-temporal-entity'),
    access: 'public',
    table: 'read',
    tag: 'NGSI-LD',
    summary: 'The temporal representation of an entity: instances, or hourly/daily aggregations',
    contract: {
      params: NgsiLdEntityParams,
      query: NgsiLdTemporalQuery,
      headers: NGSI_LD_TENANT,
      responses: {
        200: ngsiLdAnswer('The temporal entity', NgsiLdEntityView, {}),
        206: ngsiLdAnswer('The first instances: more lie in the range than one answer holds', NgsiLdEntityView, {
          'Content-Range': { description: 'date-time <from>-<to>/*: the range asked for' },
        }),
      },
      errors: ngsiLdErrors({
        403: 'TooComplexQuery: a range longer than one answer may span',
        422: 'OperationNotSupported: an aggregation method or period outside those kept',
      }),
    },
  }),
  ngsiLdQueryTemporalEntities: defineRoute({
    id: 'ngsiLdQueryTemporalEntities',
    method: 'GET',
    path: '/ngsi-ld/v1/temporal/entities',
    handler: fn('ngsi-ld-query-temporal-entities'),
    access: 'public',
    table: 'read',
    tag: 'NGSI-LD',
    summary:
      'The temporal representation of the entities a query selects (type, id, q, geo-query), a page of at most 50',
    contract: {
      query: NgsiLdTemporalEntitiesQuery,
      headers: NGSI_LD_TENANT,
      responses: {
        200: ngsiLdAnswer('Temporal entities', NgsiLdEntityList, {
          'NGSILD-Results-Count': { description: 'With count=true: how many entities match' },
        }),
        206: ngsiLdAnswer('The first instances: more lie in the range than one answer holds', NgsiLdEntityList, {
          'NGSILD-Results-Count': { description: 'With count=true: how many entities match' },
          'Content-Range': { description: 'date-time <from>-<to>/*: the range asked for' },
        }),
      },
      errors: ngsiLdErrors({
        403: 'TooComplexQuery (a range longer than one answer may span) or TooManyResults (limit above 50, lastN above 100)',
        422: 'OperationNotSupported: an aggregation, q, georel or time property outside the supported subset',
      }),
    },
  }),
  ngsiLdListTypes: defineRoute({
    id: 'ngsiLdListTypes',
    method: 'GET',
    path: '/ngsi-ld/v1/types',
    handler: fn('ngsi-ld-list-types'),
    access: 'public',
    table: 'read',
    tag: 'NGSI-LD',
    summary:
      'The entity types the tenant has entities of (EntityTypeList; details=true: EntityType with attribute names)',
    contract: {
      query: NgsiLdTypesQuery,
      headers: NGSI_LD_TENANT,
      responses: { 200: ngsiLdAnswer('The entity types', NgsiLdTypesView, {}) },
      errors: ngsiLdErrors({}),
    },
  }),
  ngsiLdGetType: defineRoute({
    id: 'ngsiLdGetType',
    method: 'GET',
    path: '/ngsi-ld/v1/types/{type}',
    handler: fn('ngsi-ld-get-type'),
    access: 'public',
    table: 'read',
    tag: 'NGSI-LD',
    summary: 'An entity type: how many entities, and their attributes (EntityTypeInfo)',
    contract: {
      params: NgsiLdTypeParams,
      headers: NGSI_LD_TENANT,
      responses: { 200: ngsiLdAnswer('The entity type', NgsiLdTypeInfoView, {}) },
      errors: ngsiLdErrors({}),
    },
  }),
} as const;
