/**
 * NGSI-LD (ETSI GS CIM 009), the read subset: sensors as Smart Data Models entities, their query
 * language subset, temporal and aggregated representations, content negotiation and ETSI errors.
 * Pure.
 */
import { SENSOR_CATALOGUE, SENSOR_TYPES, type SensorType } from './sensor-catalogue';
import {
  lastObservedAt,
  SLUG_PATTERN,
  type LatestEntry,
  type RollupView,
  type Sensor,
  type SensorWithLatest,
} from './sensors';

export const CORE_CONTEXT = 'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld';
/** The Smart Data Models' combined context: it defines every attribute name the entities use. */
export const SDM_CONTEXT = 'https://smartdatamodels.org/context.jsonld';
export const CONTEXT = [SDM_CONTEXT, CORE_CONTEXT];
/** With application/json the context travels in a Link header (ETSI GS CIM 009, 6.3.5). */
export const CONTEXT_LINK = `<${SDM_CONTEXT}>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"`;

export type NgsiLdErrorType =
  | 'BadRequestData'
  | 'InvalidRequest'
  | 'ResourceNotFound'
  | 'NonexistentTenant'
  | 'OperationNotSupported'
  | 'TooComplexQuery'
  | 'TooManyResults'
  | 'InternalError';

const STATUS: Readonly<Record<NgsiLdErrorType, number>> = {
  BadRequestData: 400,
  InvalidRequest: 400,
  ResourceNotFound: 404,
  NonexistentTenant: 404,
  OperationNotSupported: 422,
  TooComplexQuery: 403,
  TooManyResults: 403,
  InternalError: 500,
};

/** An error NGSI-LD names itself, answered as its ProblemDetails. */
export class NgsiLdError extends Error {
  constructor(
    readonly errorType: NgsiLdErrorType,
    message: string,
  ) {
    super(message);
  }
}

export const ngsiLdProblem = (errorType: NgsiLdErrorType, detail: string) => ({
  status: STATUS[errorType],
  body: {
    type: `https://uri.etsi.org/ngsi-ld/errors/${errorType}`,
    title: errorType,
    status: STATUS[errorType],
    detail,
  },
});

const bad = (message: string): never => {
  throw new NgsiLdError('BadRequestData', message);
};

// ----- ids and types -----

export const entityId = (sensor: Pick<Sensor, 'type' | 'territory' | 'id'>) =>
  `urn:ngsi-ld:${sensor.type}:${sensor.territory}:${sensor.id}`;

/** urn:ngsi-ld:<Type>:<SIREN>:<sensor id> */
const ENTITY_ID = new RegExp(`^urn:ngsi-ld:([A-Za-z]+):(\\d{9}):(${SLUG_PATTERN.source.replace(/^\^|\$$/g, '')})$`);

export const parseEntityId = (id: string): { type: SensorType; territory: string; sensorId: string } | undefined => {
  const match = ENTITY_ID.exec(id);
  if (!match || !(SENSOR_TYPES as readonly string[]).includes(match[1]!)) return undefined;
  return { type: match[1] as SensorType, territory: match[2]!, sensorId: match[3]! };
};

/** A short type name, or its expanded form under the Smart Data Models' context. */
export const sensorTypeOf = (name: string): SensorType | undefined => {
  const short = name.startsWith('https://smartdatamodels.org/') ? name.split('/').at(-1)! : name;
  return (SENSOR_TYPES as readonly string[]).includes(short) ? (short as SensorType) : undefined;
};

// ----- content negotiation -----

export type Representation = 'ld+json' | 'json';

/** application/ld+json when asked for; application/json (with a Link header) otherwise; undefined: 406. */
export const negotiate = (accept: string | undefined): Representation | undefined => {
  if (!accept) return 'json';
  const types = accept.split(',').map((part) => part.split(';')[0]!.trim().toLowerCase());
  if (types.includes('application/ld+json')) return 'ld+json';
  if (types.some((t) => t === 'application/json' || t === '*/*' || t === 'application/*')) return 'json';
  return undefined;
};

// ----- entities -----

export interface EntityOptions {
  readonly keyValues: boolean;
  /** Only these attributes (all when undefined). */
  readonly attrs?: readonly string[];
}

const dateTime = (iso: string) => ({ '@type': 'DateTime', '@value': iso });

export const toEntity = (sensor: SensorWithLatest, options: EntityOptions): Record<string, unknown> => {
  const wanted = (name: string) => !options.attrs || options.attrs.includes(name);
  const entity: Record<string, unknown> = { id: entityId(sensor), type: sensor.type };
  const attributes: Record<string, { value: unknown; extra?: Record<string, unknown>; geo?: boolean }> = {
    name: { value: sensor.name },
    location: { value: { type: 'Point', coordinates: [sensor.location.lon, sensor.location.lat] }, geo: true },
    address: {
      value: { type: 'PostalAddress', addressLocality: sensor.commune.name, addressCountry: 'FR' },
    },
    dataProvider: { value: sensor.partnerId },
  };
  const observed = lastObservedAt(sensor.latest);
  if (observed) attributes[SENSOR_CATALOGUE[sensor.type].timeAttribute] = { value: observed };
  for (const property of sensor.properties) {
    const latest = sensor.latest[property.name];
    if (!latest) continue;
    attributes[property.name] = {
      value: latest.value,
      extra: { observedAt: latest.observedAt, ...(property.unitCode ? { unitCode: property.unitCode } : {}) },
    };
  }
  const timeAttribute = SENSOR_CATALOGUE[sensor.type].timeAttribute;
  for (const [name, attribute] of Object.entries(attributes)) {
    if (!wanted(name)) continue;
    if (options.keyValues) entity[name] = attribute.value;
    else if (attribute.geo) entity[name] = { type: 'GeoProperty', value: attribute.value };
    else
      entity[name] = {
        type: 'Property',
        value: name === timeAttribute ? dateTime(attribute.value as string) : attribute.value,
        ...attribute.extra,
      };
  }
  return entity;
};

// ----- query language subset: q=no2>40;status=="defectiveLamp" -----

export interface QTerm {
  readonly attribute: string;
  readonly operator: '==' | '!=' | '>' | '>=' | '<' | '<=';
  readonly value: number | string;
}

export const parseQ = (q: string): QTerm[] => {
  if (/[|()]/.test(q)) throw new NgsiLdError('OperationNotSupported', 'q supports terms joined by ";" (and) only');
  return q.split(';').map((term) => {
    const match = /^\s*([A-Za-z_][\w]*)\s*(==|!=|>=|<=|>|<)\s*(.+?)\s*$/.exec(term);
    if (!match) return bad(`Cannot read the q term "${term}"`);
    const [, attribute, operator, raw] = match;
    const quoted = /^"(.*)"$/.exec(raw!);
    const value = quoted ? quoted[1]! : Number(raw);
    if (!quoted && !Number.isFinite(value)) return bad(`The value of "${term}" must be a number or a "quoted string"`);
    return { attribute: attribute!, operator: operator as QTerm['operator'], value };
  });
};

export const matchesQ = (terms: readonly QTerm[], sensor: SensorWithLatest): boolean =>
  terms.every(({ attribute, operator, value }) => {
    const actual = attribute === 'name' ? sensor.name : sensor.latest[attribute]?.value;
    if (actual === undefined) return false;
    switch (operator) {
      case '==':
        return actual === value;
      case '!=':
        return actual !== value;
      default: {
        if (typeof actual !== typeof value) return false;
        const [a, b] = [actual, value] as [number, number];
        return operator === '>' ? a > b : operator === '>=' ? a >= b : operator === '<' ? a < b : a <= b;
      }
    }
  });

// ----- geo-query subset: georel=near;maxDistance==2000&geometry=Point&coordinates=[1.44,43.6] -----

export interface NearQuery {
  readonly lat: number;
  readonly lon: number;
  readonly maxDistance: number;
}

export const parseGeoQuery = (georel?: string, geometry?: string, coordinates?: string): NearQuery | undefined => {
  if (georel === undefined && geometry === undefined && coordinates === undefined) return undefined;
  if (!georel || !geometry || !coordinates) return bad('A geo-query needs georel, geometry and coordinates');
  const near = /^near;maxDistance==(\d+(?:\.\d+)?)$/.exec(georel);
  if (!near) throw new NgsiLdError('OperationNotSupported', 'georel supports near;maxDistance==<metres> only');
  if (geometry !== 'Point') throw new NgsiLdError('OperationNotSupported', 'geometry supports Point only');
  let point: unknown;
  try {
    point = JSON.parse(coordinates);
  } catch {
    return bad('coordinates must be a JSON array [longitude, latitude]');
  }
  const [lon, lat] = Array.isArray(point) ? (point as unknown[]) : [];
  if (typeof lon !== 'number' || typeof lat !== 'number' || Math.abs(lat) > 90 || Math.abs(lon) > 180)
    return bad('coordinates must be [longitude, latitude] in degrees');
  return { lat, lon, maxDistance: Number(near[1]) };
};

// ----- temporal queries -----

export const AGGREGATION_METHODS = ['totalCount', 'sum', 'avg', 'min', 'max'] as const;
export type AggregationMethod = (typeof AGGREGATION_METHODS)[number];

export interface TemporalQuery {
  /** Inclusive bounds (NGSI-LD's exclusive ones already turned inclusive at millisecond precision). */
  readonly from?: Date;
  readonly to?: Date;
  readonly lastN?: number;
  readonly aggregation?: { readonly methods: readonly AggregationMethod[]; readonly resolution: 'hour' | 'day' };
  readonly temporalValues: boolean;
}

const instant = (name: string, text: string | undefined): Date => {
  if (!text) return bad(`${name} is required with this timerel`);
  const date = new Date(text);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d\d-\d\dT/.test(text))
    return bad(`${name} must be an ISO 8601 date-time`);
  return date;
};

export const parseTemporalQuery = (query: Readonly<Record<string, string | undefined>>): TemporalQuery => {
  const { timerel, timeAt, endTimeAt, lastN, aggrMethods, aggrPeriodDuration } = query;
  const options = [...(query.options?.split(',') ?? []), ...(query.format ? [query.format] : [])];
  let from: Date | undefined;
  let to: Date | undefined;
  if (timerel === 'before') to = new Date(instant('timeAt', timeAt).getTime() - 1);
  else if (timerel === 'after') from = new Date(instant('timeAt', timeAt).getTime() + 1);
  else if (timerel === 'between') {
    from = instant('timeAt', timeAt);
    to = new Date(instant('endTimeAt', endTimeAt).getTime() - 1);
    if (to < from) bad('endTimeAt must be after timeAt');
  } else if (timerel !== undefined) bad('timerel is one of before, after, between');
  else if (timeAt !== undefined) bad('timeAt needs a timerel');
  if (lastN !== undefined && !/^[1-9]\d{0,3}$/.test(lastN)) bad('lastN is a whole number from 1 to 9999');

  let aggregation: TemporalQuery['aggregation'];
  if (aggrMethods !== undefined || options.includes('aggregatedValues')) {
    const methods = (aggrMethods ?? '').split(',').filter(Boolean);
    if (methods.length === 0) bad('aggrMethods is required for the aggregated representation');
    const unsupported = methods.filter((m) => !(AGGREGATION_METHODS as readonly string[]).includes(m));
    if (unsupported.length > 0)
      throw new NgsiLdError(
        'OperationNotSupported',
        `aggrMethods ${unsupported.join(', ')}: supported are ${AGGREGATION_METHODS.join(', ')}`,
      );
    const resolution = aggrPeriodDuration === 'PT1H' ? 'hour' : aggrPeriodDuration === 'P1D' ? 'day' : undefined;
    if (!resolution)
      throw new NgsiLdError(
        'OperationNotSupported',
        'aggrPeriodDuration is PT1H or P1D (the rollups this platform keeps)',
      );
    aggregation = { methods: methods as AggregationMethod[], resolution };
  }
  return {
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(lastN ? { lastN: Number(lastN) } : {}),
    ...(aggregation ? { aggregation } : {}),
    temporalValues: options.includes('temporalValues'),
  };
};

/** One attribute's instances in the normalized or the simplified (temporalValues) representation. */
export const temporalAttribute = (
  instances: readonly LatestEntry[],
  unitCode: string | undefined,
  simplified: boolean,
) =>
  simplified
    ? { type: 'Property', values: instances.map((i) => [i.value, i.observedAt]) }
    : instances.map((i) => ({
        type: 'Property',
        value: i.value,
        observedAt: i.observedAt,
        ...(unitCode ? { unitCode } : {}),
      }));

const AGGREGATE: Readonly<Record<AggregationMethod, (r: RollupView) => number>> = {
  totalCount: (r) => r.count,
  sum: (r) => r.sum,
  avg: (r) => r.mean,
  min: (r) => r.min,
  max: (r) => r.max,
};

/** One attribute in the aggregated representation: per method, [value, startAt, endAt] per period. */
export const aggregatedAttribute = (periods: readonly RollupView[], methods: readonly AggregationMethod[]) => ({
  type: 'Property',
  ...Object.fromEntries(methods.map((m) => [m, periods.map((p) => [AGGREGATE[m](p), p.start, p.end])])),
});
