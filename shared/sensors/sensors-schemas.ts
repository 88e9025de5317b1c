/**
 * The sensors context's HTTP contract (and its queue message): zod schemas that validate at the
 * edge and write the OpenAPI document.
 */
import { z } from 'zod';
import { Insee, Siren } from '../territory/territory-schemas';
import { OPERATORS, parseDurationSeconds } from './alerts';
import { SENSOR_TYPES } from './sensor-catalogue';
import { MAX_BATCH } from './sensors';

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'lowercase letters, digits and dashes, 2 to 64 characters');
const Ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'a ULID');
const SensorTypeName = z.enum(SENSOR_TYPES).meta({ description: 'Smart Data Models entity type' });
const Instant = z.iso.datetime({ offset: true }).meta({ example: '2025-03-14T09:00:00Z' });
const Limit = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);
const Cursor = z.string().max(2048).optional();
const Value = z.union([z.number(), z.string().max(64)]);

export const PartnerParams = z.object({ siren: Siren, partnerId: Id });
export const KeyParams = PartnerParams.extend({ keyId: Ulid });
export const SensorParams = z.object({ siren: Siren, sensorId: Id.meta({ example: 'tlse-air-capitole' }) });
export const RuleParams = z.object({ siren: Siren, ruleId: Id });
export const AlertParams = z.object({ siren: Siren, alertId: Ulid });
export const SirenParams = z.object({ siren: Siren });

export const RegisterPartnerBody = z
  .object({
    id: Id.meta({ example: 'atmo-occitanie' }),
    name: z.string().min(1).max(120).meta({ example: 'Atmo Occitanie' }),
    kind: z.enum(['company', 'startup', 'university', 'public-body', 'association']),
    contactEmail: z.email().optional(),
  })
  .meta({ id: 'RegisterPartnerRequest' });

export const IssueKeyBody = z
  .object({ label: z.string().min(1).max(80).meta({ example: 'gateway 2025' }) })
  .meta({ id: 'IssueApiKeyRequest' });

export const SaveSensorBody = z
  .object({
    type: SensorTypeName,
    name: z.string().min(1).max(120).meta({ example: 'Capitole air quality station' }),
    partnerId: Id,
    location: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }),
    properties: z
      .array(z.string().max(64))
      .min(1)
      .max(20)
      .meta({ description: "Attribute names of the type's Smart Data Model", example: ['no2', 'pm10'] }),
  })
  .meta({ id: 'SaveSensorRequest' });

const BBoxParam = z
  .string()
  .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'west,south,east,north in degrees')
  .transform((text) => text.split(',').map(Number) as [number, number, number, number])
  .refine(([w, s, e, n]) => w <= e && s <= n && Math.abs(s) <= 90 && Math.abs(n) <= 90, 'west ≤ east, south ≤ north')
  .meta({ example: '1.40,43.58,1.47,43.62' });

export const ListSensorsQuery = z.object({
  type: SensorTypeName.optional(),
  commune: Insee.optional(),
  bbox: BBoxParam.optional(),
  limit: Limit(50, 500),
  cursor: Cursor,
});

export const SeriesQuery = z.object({
  property: z.string().max(64).meta({ example: 'no2' }),
  resolution: z.enum(['raw', 'hour', 'day']).default('raw'),
  from: Instant.optional().meta({ description: 'Default: one day (raw), a week (hour) or 90 days (day) before `to`' }),
  to: Instant.optional().meta({ description: 'Default: now' }),
  limit: Limit(200, 1000),
  cursor: Cursor,
});

const ObservationInput = z.object({
  sensorId: Id,
  property: z.string().min(1).max(64).meta({ example: 'no2' }),
  value: Value.meta({
    description: 'A number in the unit given, or one of the allowed values (a status)',
    example: 23.4,
  }),
  unit: z.string().max(8).optional().meta({ description: 'UN/CEFACT code of the numeric value', example: 'GQ' }),
  observedAt: Instant,
});

export const IngestBody = z
  .object({ observations: z.array(ObservationInput).min(1).max(MAX_BATCH) })
  .meta({ id: 'ObservationBatchRequest' });

export const SaveRuleBody = z
  .object({
    name: z.string().min(1).max(120).meta({ example: 'NO2 above the hourly limit' }),
    sensorId: Id.optional().meta({ description: 'Watch one sensor…' }),
    type: SensorTypeName.optional().meta({ description: '…or every sensor of a type' }),
    property: z.string().max(64).optional(),
    operator: z.enum(OPERATORS),
    threshold: Value.optional(),
    silentFor: z
      .string()
      .refine((text) => parseDurationSeconds(text) !== undefined, 'an ISO 8601 duration such as PT30M or P1D')
      .optional()
      .meta({ description: 'FROZEN: silence longer than this opens an alert', example: 'PT30M' }),
    severity: z.enum(['info', 'warning', 'critical']).default('warning'),
    openReport: z.object({ category: Id.meta({ example: 'eclairage-public' }) }).optional(),
  })
  .refine((rule) => (rule.sensorId === undefined) !== (rule.type === undefined), 'give either sensorId or type')
  .meta({ id: 'SaveAlertRuleRequest' });

export const ListAlertsQuery = z.object({
  state: z.enum(['open', 'acknowledged', 'closed']).default('open'),
  limit: Limit(25, 100),
  cursor: Cursor,
});

export const AlertActionBody = z.object({ note: z.string().max(2000).optional() }).meta({ id: 'AlertActionRequest' });

// ----- views -----

export const PartnerView = RegisterPartnerBody.extend({
  territory: Siren,
  createdAt: z.string(),
  version: z.number(),
}).meta({ id: 'SensorPartner' });

export const ApiKeyView = z
  .object({
    territory: Siren,
    keyId: Ulid,
    partnerId: Id,
    label: z.string(),
    hint: z.string().meta({ description: 'The last 4 characters of the key' }),
    status: z.enum(['active', 'revoked']),
    createdAt: z.string(),
    createdBy: z.string(),
    revokedAt: z.string().optional(),
    revokedBy: z.string().optional(),
  })
  .meta({ id: 'ApiKey' });

export const IssuedKeyView = ApiKeyView.extend({
  key: z.string().meta({ description: 'The key itself: shown this once, never again', example: 'vo_01J…_…' }),
}).meta({ id: 'IssuedApiKey' });

const LatestEntryView = z.object({ value: Value, observedAt: z.string() });

export const SensorView = z
  .object({
    territory: Siren,
    id: Id,
    type: SensorTypeName,
    name: z.string(),
    partnerId: Id,
    location: z.object({ lat: z.number(), lon: z.number() }),
    commune: z.object({ insee: Insee, name: z.string() }),
    properties: z.array(z.object({ name: z.string(), unitCode: z.string().optional() })),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number(),
  })
  .meta({ id: 'Sensor' });

export const SensorWithLatestView = SensorView.extend({
  latest: z.record(z.string(), LatestEntryView).meta({ description: 'Last value of each property' }),
}).meta({ id: 'SensorWithLatest' });

export const SeriesView = z
  .object({
    items: z.array(
      z.union([
        LatestEntryView,
        z.object({
          start: z.string(),
          end: z.string(),
          count: z.number(),
          min: z.number(),
          max: z.number(),
          sum: z.number(),
          mean: z.number(),
        }),
      ]),
    ),
    cursor: z.string().optional(),
  })
  .meta({ id: 'SensorSeries' });

export const AcceptedView = z.object({ batchId: Ulid, accepted: z.number() }).meta({ id: 'ObservationBatchAccepted' });

export const AlertRuleView = z
  .object({
    territory: Siren,
    id: Id,
    name: z.string(),
    scope: z.union([z.object({ sensorId: Id }), z.object({ type: SensorTypeName })]),
    property: z.string().optional(),
    operator: z.enum(OPERATORS),
    threshold: Value.optional(),
    silentForSeconds: z.number().optional(),
    severity: z.enum(['info', 'warning', 'critical']),
    openReport: z.object({ category: z.string() }).optional(),
    version: z.number(),
    updatedAt: z.string(),
  })
  .meta({ id: 'AlertRule' });

export const AlertView = z
  .object({
    territory: Siren,
    id: Ulid,
    ruleId: Id,
    ruleName: z.string(),
    operator: z.enum(OPERATORS),
    severity: z.enum(['info', 'warning', 'critical']),
    sensorId: Id,
    sensorType: SensorTypeName,
    commune: Insee,
    property: z.string().optional(),
    value: Value.optional(),
    threshold: Value.optional(),
    observedAt: z.string().optional(),
    message: z.string(),
    state: z.enum(['open', 'acknowledged', 'closed']),
    openedAt: z.string(),
    acknowledgedAt: z.string().optional(),
    acknowledgedBy: z.string().optional(),
    closedAt: z.string().optional(),
    closedBy: z.string().optional(),
    note: z.string().optional(),
    reportRequested: z.boolean(),
    version: z.number(),
  })
  .meta({ id: 'SensorAlert' });

export const items = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), cursor: z.string().optional() });

// ----- NGSI-LD (its own syntax is read by the use cases, which answer with ETSI's error types) -----

const text = (description: string, example?: string) =>
  z
    .string()
    .optional()
    .meta({ description, ...(example ? { example } : {}) });

export const NgsiLdEntityParams = z.object({
  id: z.string().meta({ example: 'urn:ngsi-ld:AirQualityObserved:243100518:tlse-air-capitole' }),
});

export const NgsiLdEntitiesQuery = z.object({
  type: text('Entity types, comma separated', 'AirQualityObserved'),
  id: text('Entity ids, comma separated'),
  q: text('Query on properties: terms joined by ";", e.g. no2>40 or status=="defectiveLamp"', 'no2>40'),
  attrs: text('Attributes to return, comma separated'),
  georel: text('near;maxDistance==<metres>', 'near;maxDistance==2000'),
  geometry: text('Point', 'Point'),
  coordinates: text('[longitude,latitude]', '[1.4442,43.6045]'),
  limit: text('Page size (default 20, at most 1000)'),
  offset: text('Entities to skip'),
  count: text('true: the total goes in the NGSILD-Results-Count header'),
  options: text('keyValues for the simplified representation'),
  format: text('simplified or keyValues'),
});

export const NgsiLdEntityQuery = z.object({
  attrs: text('Attributes to return, comma separated'),
  options: text('keyValues for the simplified representation'),
  format: text('simplified or keyValues'),
});

export const NgsiLdTemporalQuery = z.object({
  timerel: text('before, after or between'),
  timeAt: text('ISO 8601 date-time', '2025-03-14T00:00:00Z'),
  endTimeAt: text('ISO 8601 date-time, with between', '2025-03-15T00:00:00Z'),
  lastN: text('Only the last N instances (or periods)'),
  attrs: text('Attributes, comma separated'),
  aggrMethods: text('totalCount, sum, avg, min, max; comma separated', 'avg,max'),
  aggrPeriodDuration: text('PT1H or P1D', 'PT1H'),
  options: text('temporalValues or aggregatedValues'),
  format: text('temporalValues or aggregatedValues'),
});

const NgsiLdEntity = z.record(z.string(), z.unknown()).meta({ id: 'NgsiLdEntity' });
export const NgsiLdEntityView = NgsiLdEntity;
export const NgsiLdEntityList = z.array(NgsiLdEntity);

/** The queue message: what the ingestion route sends and the consumer reads (a poison one fails here). */
export const ObservationBatchMessage = z.object({
  territory: Siren,
  partnerId: Id,
  batchId: z.string(),
  receivedAt: z.string(),
  observations: z.array(z.object({ sensorId: Id, property: z.string(), value: Value, observedAt: z.iso.datetime() })),
});
