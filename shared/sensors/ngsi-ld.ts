/**
 * NGSI-LD (ETSI GS CIM 009), the read subset: sensors as Smart Data Models entities, their query
 * language subset, temporal and aggregated representations, content negotiation and ETSI errors.
 * Pure.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { BoundingBox } from '../geo/box';
import { boundingBox, checkBoundary } from '../territory/geometry';
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

// ----- query language (ETSI GS CIM 009, 4.9): q=(no2>40|pm10>=20);status=="defectiveLamp" -----

export type QValue = number | string | boolean;
export type QOperator = '==' | '!=' | '>' | '>=' | '<' | '<=';

/** One term: an attribute compared with a value, a list ("a","b") or a range (1..5); no operator: it exists. */
export interface QTerm {
  readonly kind: 'term';
  readonly attribute: string;
  readonly operator?: QOperator;
  readonly values?: readonly QValue[];
  readonly range?: readonly [QValue, QValue];
}
export type QExpression = QTerm | { readonly kind: 'and' | 'or'; readonly items: readonly QExpression[] };

const OPERATORS: readonly string[] = ['==', '!=', '>=', '<=', '>', '<'];
/** Nesting past this is refused: the parser recurses, and no real query needs more. */
const MAX_Q_DEPTH = 16;

/**
 * Recursive descent over the grammar: or := and ('|' and)*; and := primary (';' primary)*;
 * primary := '(' or ')' | term. ";" binds tighter than "|", as in the spec's examples.
 */
export const parseQ = (q: string): QExpression => {
  let at = 0;
  const fail = (why: string): never => bad(`Cannot read q at character ${at + 1}: ${why}`);
  const rest = () => q.slice(at);

  const value = (): QValue => {
    if (q[at] === '"') {
      let text = '';
      for (at++; at < q.length && q[at] !== '"'; at++) {
        if (q[at] === '\\' && at + 1 < q.length) at++;
        text += q[at];
      }
      if (q[at] !== '"') fail('a quoted string is not closed');
      at++;
      return text;
    }
    const date = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)/.exec(rest());
    if (date) {
      at += date[0].length;
      return date[0];
    }
    const number = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(rest());
    if (number) {
      at += number[0].length;
      return Number(number[0]);
    }
    const word = /^(true|false)(?![\w])/.exec(rest());
    if (word) {
      at += word[0].length;
      return word[0] === 'true';
    }
    return fail('a value is a number, a "quoted string", a date-time, true or false');
  };

  const term = (): QTerm => {
    const name = /^[A-Za-z_][\w]*/.exec(rest());
    if (!name) return fail('an attribute name is expected');
    at += name[0].length;
    const attribute = name[0];
    if (at === q.length || ';|)'.includes(q[at]!)) return { kind: 'term', attribute };
    if (q.startsWith('=~', at) || q.startsWith('!~', at))
      throw new NgsiLdError('OperationNotSupported', 'q patterns (=~, !~) are not supported');
    const operator = OPERATORS.find((op) => q.startsWith(op, at)) as QOperator | undefined;
    if (!operator) return fail(`an operator (${OPERATORS.join(' ')}) is expected after ${attribute}`);
    at += operator.length;
    const first = value();
    if (q.startsWith('..', at)) {
      at += 2;
      if (operator !== '==' && operator !== '!=') fail('a range goes with == or != only');
      return { kind: 'term', attribute, operator, range: [first, value()] };
    }
    const values = [first];
    while (q[at] === ',') {
      at++;
      values.push(value());
    }
    if (values.length > 1 && operator !== '==' && operator !== '!=') fail('a list goes with == or != only');
    return { kind: 'term', attribute, operator, values };
  };

  const expression = (depth: number): QExpression => {
    if (depth > MAX_Q_DEPTH) throw new NgsiLdError('TooComplexQuery', `q nests more than ${MAX_Q_DEPTH} levels`);
    const primary = (): QExpression => {
      if (q[at] !== '(') return term();
      at++;
      const inner = expression(depth + 1);
      if (q[at] !== ')') fail('a ")" is missing');
      at++;
      return inner;
    };
    const conjunction = (): QExpression => {
      const items = [primary()];
      while (q[at] === ';') {
        at++;
        items.push(primary());
      }
      return items.length === 1 ? items[0]! : { kind: 'and', items };
    };
    const items = [conjunction()];
    while (q[at] === '|') {
      at++;
      items.push(conjunction());
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  };

  if (q.trim() === '') return bad('q is empty');
  const parsed = expression(0);
  if (at < q.length) fail(`unexpected "${q[at]}"`);
  return parsed;
};

/** Orders two values of one kind (date-times by instant); undefined when they cannot be compared. */
const compare = (actual: QValue, expected: QValue): number | undefined => {
  if (typeof actual === 'number' && typeof expected === 'number') return actual - expected;
  if (typeof actual === 'string' && typeof expected === 'string') {
    const [a, b] = [Date.parse(actual), Date.parse(expected)];
    if (/^\d{4}-\d\d-\d\dT/.test(actual) && /^\d{4}-\d\d-\d\dT/.test(expected) && !Number.isNaN(a + b)) return a - b;
    return actual < expected ? -1 : actual > expected ? 1 : 0;
  }
  if (typeof actual === 'boolean' && typeof expected === 'boolean') return actual === expected ? 0 : undefined;
  return undefined;
};

const holds = (term: QTerm, actual: QValue | undefined): boolean => {
  if (actual === undefined) return false;
  if (!term.operator) return true;
  const equal = term.range
    ? (compare(actual, term.range[0]) ?? -1) >= 0 && (compare(actual, term.range[1]) ?? 1) <= 0
    : term.values!.some((v) => compare(actual, v) === 0);
  if (term.operator === '==') return equal;
  if (term.operator === '!=') return !equal;
  const order = compare(actual, term.values![0]!);
  if (order === undefined) return false;
  return term.operator === '>'
    ? order > 0
    : term.operator === '>='
      ? order >= 0
      : term.operator === '<'
        ? order < 0
        : order <= 0;
};

/** The value a term reads: the name, the time of the last observation, or a property's latest value. */
const attributeValue = (sensor: SensorWithLatest, attribute: string): QValue | undefined => {
  if (attribute === 'name') return sensor.name;
  if (attribute === 'dataProvider') return sensor.partnerId;
  if (attribute === SENSOR_CATALOGUE[sensor.type].timeAttribute) return lastObservedAt(sensor.latest);
  return Object.hasOwn(sensor.latest, attribute) ? sensor.latest[attribute]!.value : undefined;
};

export const matchesQ = (expression: QExpression, sensor: SensorWithLatest): boolean => {
  switch (expression.kind) {
    case 'and':
      return expression.items.every((item) => matchesQ(item, sensor));
    case 'or':
      return expression.items.some((item) => matchesQ(item, sensor));
    default:
      return holds(expression, attributeValue(sensor, expression.attribute));
  }
};

// ----- geo-queries: near;maxDistance== with a Point, within / intersects with a Polygon -----

export interface NearQuery {
  readonly kind: 'near';
  readonly lat: number;
  readonly lon: number;
  readonly maxDistance: number;
}
export interface PolygonQuery {
  readonly kind: 'within' | 'intersects';
  readonly polygon: { readonly type: 'Polygon'; readonly coordinates: readonly (readonly (readonly number[])[])[] };
  readonly bbox: BoundingBox;
}
export type GeoQuery = NearQuery | PolygonQuery;

const readCoordinates = (coordinates: string): unknown => {
  try {
    return JSON.parse(coordinates);
  } catch {
    return bad('coordinates must be JSON: [longitude, latitude] for a Point, [[[lon, lat], …]] for a Polygon');
  }
};

export const parseGeoQuery = (georel?: string, geometry?: string, coordinates?: string): GeoQuery | undefined => {
  if (georel === undefined && geometry === undefined && coordinates === undefined) return undefined;
  if (!georel || !geometry || !coordinates) return bad('A geo-query needs georel, geometry and coordinates');
  const near = /^near;maxDistance==(\d+(?:\.\d+)?)$/.exec(georel);
  if (near) {
    if (geometry !== 'Point') throw new NgsiLdError('OperationNotSupported', 'near goes with a Point geometry');
    const point = readCoordinates(coordinates);
    const [lon, lat] = Array.isArray(point) ? (point as unknown[]) : [];
    if (typeof lon !== 'number' || typeof lat !== 'number' || Math.abs(lat) > 90 || Math.abs(lon) > 180)
      return bad('coordinates must be [longitude, latitude] in degrees');
    return { kind: 'near', lat, lon, maxDistance: Number(near[1]) };
  }
  if (georel === 'within' || georel === 'intersects') {
    if (geometry !== 'Polygon')
      throw new NgsiLdError('OperationNotSupported', `${georel} goes with a Polygon geometry (entities are points)`);
    const rings = readCoordinates(coordinates);
    const shaped =
      Array.isArray(rings) &&
      rings.length > 0 &&
      rings.every(
        (ring) => Array.isArray(ring) && ring.every((p) => Array.isArray(p) && p.every((n) => typeof n === 'number')),
      );
    if (!shaped) return bad("A Polygon's coordinates are an array of linear rings: [[[lon, lat], …, [lon, lat]]]");
    const polygon = { type: 'Polygon' as const, coordinates: rings as number[][][] };
    try {
      checkBoundary(polygon);
    } catch (error) {
      return bad((error as Error).message.replace(/^Invalid boundary/, 'Invalid Polygon'));
    }
    return { kind: georel, polygon, bbox: boundingBox(polygon) };
  }
  throw new NgsiLdError(
    'OperationNotSupported',
    'georel is near;maxDistance==<metres> (Point), within or intersects (Polygon)',
  );
};

/**
 * Whether a point entity satisfies a polygon query: `within` asks for the polygon's interior (a point on
 * its edge is not within), `intersects` accepts the edge too.
 */
export const polygonHolds = (query: PolygonQuery, lon: number, lat: number): boolean =>
  booleanPointInPolygon([lon, lat], query.polygon as Parameters<typeof booleanPointInPolygon>[1], {
    ignoreBoundary: query.kind === 'within',
  });

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

// ----- entity types (ETSI GS CIM 009, 5.2.24 to 5.2.27) -----

/** The attributes every entity carries, beside its properties and its time attribute. */
const COMMON_ATTRIBUTES = ['name', 'location', 'address', 'dataProvider'] as const;

/** A type's full name under the Smart Data Models' context (sensorTypeOf reads it back). */
export const expandedType = (type: SensorType) =>
  `https://smartdatamodels.org/${SENSOR_CATALOGUE[type].dataModel}/${type}`;

const expandedAttribute = (type: SensorType, name: string) =>
  name === 'location' || name === 'name'
    ? `https://uri.etsi.org/ngsi-ld/${name}`
    : Object.hasOwn(SENSOR_CATALOGUE[type].properties, name)
      ? `https://smartdatamodels.org/${SENSOR_CATALOGUE[type].dataModel}/${name}`
      : `https://smartdatamodels.org/${name}`;

/** The attribute names the entities of a type carry, given its sensors (each measures some of its properties). */
export const typeAttributeNames = (type: SensorType, sensors: readonly Pick<Sensor, 'properties'>[]): string[] => {
  const measured = new Set(sensors.flatMap((s) => s.properties.map((p) => p.name)));
  return [...COMMON_ATTRIBUTES, SENSOR_CATALOGUE[type].timeAttribute, ...[...measured].sort()];
};

export const entityTypeList = (tenant: string, types: readonly SensorType[]) => ({
  id: `urn:ngsi-ld:EntityTypeList:${tenant}`,
  type: 'EntityTypeList',
  typeList: [...types],
});

export const entityType = (type: SensorType, attributeNames: readonly string[]) => ({
  id: expandedType(type),
  type: 'EntityType',
  typeName: type,
  attributeNames: [...attributeNames],
});

export const entityTypeInfo = (type: SensorType, entityCount: number, attributeNames: readonly string[]) => ({
  id: expandedType(type),
  type: 'EntityTypeInfo',
  typeName: type,
  entityCount,
  attributeDetails: attributeNames.map((name) => ({
    id: expandedAttribute(type, name),
    type: 'Attribute',
    attributeName: name,
    attributeTypes: [name === 'location' ? 'GeoProperty' : 'Property'],
  })),
});
