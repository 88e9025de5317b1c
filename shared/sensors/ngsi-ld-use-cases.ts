/**
 * The NGSI-LD read subset over the sensor registry and its time series. The tenant is the
 * territory: the `NGSILD-Tenant` header names its SIREN (an entity id carries it too; a deployment
 * may name a default one).
 */
import { distanceMetres } from '../geo/distance';
import { boxAround } from '../geo/box';
import {
  aggregatedAttribute,
  entityId,
  entityType,
  entityTypeInfo,
  entityTypeList,
  matchesQ,
  NgsiLdError,
  parseEntityId,
  parseGeoQuery,
  parseQ,
  parseTemporalQuery,
  polygonHolds,
  sensorTypeOf,
  temporalAttribute,
  toEntity,
  typeAttributeNames,
  type TemporalQuery,
} from './ngsi-ld';
import { MAX_RANGE_DAYS, type SensorsDeps } from './sensors-use-cases';
import {
  isRolledUp,
  MAX_AGE_DAYS,
  rollupView,
  type LatestEntry,
  type RollupView,
  type Sensor,
  type SensorWithLatest,
} from './sensors';
import { SENSOR_TYPES, type SensorType } from './sensor-catalogue';

export type NgsiLdQuery = Readonly<Record<string, string | undefined>>;

/** Instances of one attribute returned at most, unless lastN says otherwise. */
const MAX_INSTANCES = 1000;
const MAX_LIMIT = 1000;

const list = (text: string | undefined) =>
  text
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const wholeNumber = (name: string, text: string | undefined, fallback: number, max: number): number => {
  if (text === undefined) return fallback;
  if (!/^\d{1,6}$/.test(text)) throw new NgsiLdError('BadRequestData', `${name} must be a whole number`);
  const value = Number(text);
  if (value > max) throw new NgsiLdError('TooManyResults', `${name} may be at most ${max}`);
  return value;
};

const keyValues = (query: NgsiLdQuery) =>
  (list(query.options) ?? []).includes('keyValues') || query.format === 'keyValues' || query.format === 'simplified';

/**
 * Who the request is about: the `NGSILD-Tenant` header when sent; else the territory an entity id
 * names; else the deployment's default territory (NGSI_LD_DEFAULT_TENANT), so a one-territory
 * deployment needs no header.
 */
export interface TenantChoice {
  readonly header?: string;
  readonly fallback?: string;
}

/** Entities a temporal query over a type returns per page at most, and instances per attribute. */
const MAX_TEMPORAL_LIMIT = 50;
const MAX_TEMPORAL_INSTANCES = 100;

export const makeNgsiLdUseCases = ({ registry, observations, territories, clock }: SensorsDeps) => {
  const requireTenant = async (choice: TenantChoice, fromId?: string): Promise<string> => {
    const siren = choice.header ?? fromId ?? choice.fallback;
    if (!siren)
      throw new NgsiLdError(
        'BadRequestData',
        'Name the territory (its SIREN) in the NGSILD-Tenant header: this deployment has no default tenant',
      );
    if (!/^\d{9}$/.test(siren) || !(await territories.exists(siren)))
      throw new NgsiLdError('NonexistentTenant', `No tenant ${siren}: a tenant is a territory's SIREN`);
    return siren;
  };

  const withLatest = async (siren: string, sensors: readonly Sensor[]): Promise<SensorWithLatest[]> => {
    const latest = await observations.getLatest(
      siren,
      sensors.map((s) => s.id),
    );
    return sensors.map((s) => ({ ...s, latest: latest.get(s.id) ?? {} }));
  };

  /** The sensor an entity id names, in the tenant the header names (when it names one). */
  const requireEntity = async (id: string, tenant: TenantChoice): Promise<Sensor> => {
    const parsed = parseEntityId(id);
    if (!parsed) {
      if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(id)) throw new NgsiLdError('BadRequestData', `${id} is not a URI`);
      throw new NgsiLdError('ResourceNotFound', `No entity ${id}`);
    }
    if (tenant.header !== undefined && tenant.header !== parsed.territory)
      throw new NgsiLdError('ResourceNotFound', `No entity ${id} in tenant ${tenant.header}`);
    const sensor = await registry.getSensor(parsed.territory, parsed.sensorId);
    if (!sensor || sensor.type !== parsed.type) throw new NgsiLdError('ResourceNotFound', `No entity ${id}`);
    return sensor;
  };

  /**
   * The entities a query selects (by id, type, q on the latest values, a geo-query, attrs), nearest
   * first with `near`, else by id; shared by the entity and the temporal queries.
   */
  const selectEntities = async (tenant: TenantChoice, query: NgsiLdQuery) => {
    const ids = list(query.id);
    const parsedIds = ids?.map((id) => parseEntityId(id) ?? { type: undefined, territory: undefined, sensorId: id });
    const siren = await requireTenant(tenant, parsedIds?.find((p) => p.territory)?.territory);
    const typeNames = list(query.type);
    const types = typeNames?.map(sensorTypeOf).filter((t): t is SensorType => t !== undefined);
    const geo = parseGeoQuery(query.georel, query.geometry, query.coordinates);
    const q = query.q !== undefined ? parseQ(query.q) : undefined;
    const attrs = list(query.attrs);
    if (!ids && !typeNames && !q && !geo && !attrs)
      throw new NgsiLdError('BadRequestData', 'Give at least one of type, id, q, attrs or a geo-query (georel)');

    let candidates: Sensor[];
    const oneType = types?.length === 1 ? { type: types[0] } : {};
    if (parsedIds) {
      const ours = parsedIds.filter((p) => p.territory === siren).map((p) => p.sensorId);
      candidates = [...(await registry.getSensors(siren, ours)).values()].filter((s) =>
        parsedIds.some((p) => p.sensorId === s.id && p.type === s.type),
      );
    } else if (geo) {
      const bbox = geo.kind === 'near' ? boxAround(geo.lat, geo.lon, geo.maxDistance) : geo.bbox;
      candidates = await registry.listSensors(siren, { bbox, ...oneType });
    } else if (types) {
      candidates = (await Promise.all(types.map((type) => registry.listSensors(siren, { type })))).flat();
    } else {
      candidates = await registry.listSensors(siren, {});
    }
    const located = candidates
      .filter((s) => !types || types.includes(s.type))
      .map((s) => ({ sensor: s, distance: geo?.kind === 'near' ? distanceMetres(geo, s.location) : 0 }))
      .filter((c) => {
        if (!geo) return true;
        if (geo.kind === 'near') return c.distance <= geo.maxDistance;
        return polygonHolds(geo, c.sensor.location.lon, c.sensor.location.lat);
      })
      .sort((a, b) => a.distance - b.distance || (a.sensor.id < b.sensor.id ? -1 : 1));
    const matching = (
      await withLatest(
        siren,
        located.map((c) => c.sensor),
      )
    )
      .filter((s) => !q || matchesQ(q, s))
      .filter(
        (s) =>
          !attrs || attrs.some((a) => a in s.latest || ['name', 'location', 'address', 'dataProvider'].includes(a)),
      );
    return { siren, matching, attrs };
  };

  /**
   * An entity's temporal representation over [from, to]: raw instances (at most `maxInstances` per
   * attribute, or the last N) or hourly/daily rollups. `truncated`: more instances lie in the range.
   */
  const temporalOf = async (
    sensor: Sensor,
    temporal: TemporalQuery,
    requested: readonly string[] | undefined,
    maxInstances: number,
  ) => {
    const now = clock.now();
    // Nothing older than the 7 days accepted before registration can exist.
    const earliest = new Date(Date.parse(sensor.createdAt) - MAX_AGE_DAYS * 86_400_000);
    const from = temporal.from && temporal.from > earliest ? temporal.from : earliest;
    const to = temporal.to && temporal.to < now ? temporal.to : now;
    const properties = sensor.properties.filter((p) => !requested || requested.includes(p.name));
    const aggregation = temporal.aggregation;
    if (aggregation) {
      const notNumeric = properties.filter((p) => !isRolledUp(sensor, p.name));
      if (requested && notNumeric.length > 0)
        throw new NgsiLdError(
          'OperationNotSupported',
          `${notNumeric.map((p) => p.name).join(', ')}: not numeric, no rollups`,
        );
    }
    const spanDays = (to.getTime() - from.getTime()) / 86_400_000;
    const maxDays = MAX_RANGE_DAYS[aggregation?.resolution ?? 'raw'];
    if (spanDays > maxDays && !temporal.lastN)
      throw new NgsiLdError(
        'TooComplexQuery',
        `Ask for at most ${maxDays} days at a time (timerel=between), or use lastN`,
      );

    const entity: Record<string, unknown> = { id: entityId(sensor), type: sensor.type };
    let truncated = false;
    const range = {
      from: from.toISOString(),
      to: to.toISOString(),
      limit: temporal.lastN ?? maxInstances,
      descending: temporal.lastN !== undefined,
    };
    for (const property of properties) {
      if (to < from) break;
      if (aggregation) {
        if (!isRolledUp(sensor, property.name)) continue;
        const page = await observations.rollups(
          sensor.territory,
          sensor.id,
          property.name,
          aggregation.resolution,
          range,
        );
        truncated ||= page.cursor !== undefined && !temporal.lastN;
        const periods: RollupView[] = page.items.map((i) => rollupView(aggregation.resolution, i.bucket, i.rollup));
        if (range.descending) periods.reverse();
        if (periods.length > 0) entity[property.name] = aggregatedAttribute(periods, aggregation.methods);
      } else {
        const page = await observations.points(sensor.territory, sensor.id, property.name, range);
        truncated ||= page.cursor !== undefined && !temporal.lastN;
        const instances: readonly LatestEntry[] = range.descending ? [...page.items].reverse() : page.items;
        if (instances.length > 0)
          entity[property.name] = temporalAttribute(instances, property.unitCode, temporal.temporalValues);
      }
    }
    return { entity, truncated, range: { from: range.from, to: range.to } };
  };

  /** The sensors of each type a tenant has (one index Query per type: the catalogue holds five). */
  const sensorsByType = async (siren: string, types: readonly SensorType[] = SENSOR_TYPES) => {
    const lists = await Promise.all(types.map((type) => registry.listSensors(siren, { type })));
    return types.map((type, i) => ({ type, sensors: lists[i]! })).filter((t) => t.sensors.length > 0);
  };

  return {
    /** GET /ngsi-ld/v1/entities: by type, id, q on a property and/or a geo-query; paged by limit and offset. */
    queryEntities: async (tenant: TenantChoice, query: NgsiLdQuery) => {
      const limit = wholeNumber('limit', query.limit, 20, MAX_LIMIT);
      const offset = wholeNumber('offset', query.offset, 0, Number.MAX_SAFE_INTEGER);
      const { siren, matching, attrs } = await selectEntities(tenant, query);
      return {
        tenant: siren,
        count: matching.length,
        entities: matching
          .slice(offset, offset + limit)
          .map((s) => toEntity(s, { keyValues: keyValues(query), attrs })),
      };
    },

    /** GET /ngsi-ld/v1/entities/{id} */
    getEntity: async (id: string, tenant: TenantChoice, query: NgsiLdQuery) => {
      const sensor = await requireEntity(id, tenant);
      const [entity] = await withLatest(sensor.territory, [sensor]);
      return {
        tenant: sensor.territory,
        entity: toEntity(entity!, { keyValues: keyValues(query), attrs: list(query.attrs) }),
      };
    },

    /**
     * GET /ngsi-ld/v1/temporal/entities/{id}: raw instances (timerel, lastN) or, with aggrMethods and
     * aggrPeriodDuration PT1H or P1D, the hourly or daily rollups.
     */
    temporalEntity: async (id: string, tenant: TenantChoice, query: NgsiLdQuery) => {
      const sensor = await requireEntity(id, tenant);
      const temporal = parseTemporalQuery(query);
      const { entity, truncated, range } = await temporalOf(sensor, temporal, list(query.attrs), MAX_INSTANCES);
      entity.id = id;
      return { tenant: sensor.territory, entity, truncated, range };
    },

    /**
     * GET /ngsi-ld/v1/temporal/entities: the temporal representation of the entities a query selects
     * (as queryEntities: type, id, q on the latest values, geo-query), a page of at most 50 entities
     * and 100 instances per attribute; more instances in the range make the answer partial.
     */
    queryTemporalEntities: async (tenant: TenantChoice, query: NgsiLdQuery) => {
      const temporal = parseTemporalQuery(query);
      if (query.timeproperty !== undefined && query.timeproperty !== 'observedAt')
        throw new NgsiLdError('OperationNotSupported', 'timeproperty is observedAt: the only time kept per instance');
      if (temporal.lastN !== undefined && temporal.lastN > MAX_TEMPORAL_INSTANCES)
        throw new NgsiLdError(
          'TooManyResults',
          `Over several entities lastN is at most ${MAX_TEMPORAL_INSTANCES}: ask one entity (/temporal/entities/{id}) for more`,
        );
      const limit = wholeNumber('limit', query.limit, 20, MAX_TEMPORAL_LIMIT);
      const offset = wholeNumber('offset', query.offset, 0, Number.MAX_SAFE_INTEGER);
      const { siren, matching } = await selectEntities(tenant, query);
      const requested = list(query.attrs);
      const answers = await Promise.all(
        matching
          .slice(offset, offset + limit)
          .map((sensor) => temporalOf(sensor, temporal, requested, MAX_TEMPORAL_INSTANCES)),
      );
      return {
        tenant: siren,
        count: matching.length,
        entities: answers.map((a) => a.entity),
        truncated: answers.some((a) => a.truncated),
        // The range of an entity cut short (each entity's range starts no earlier than it can hold data).
        range: answers.find((a) => a.truncated)?.range,
      };
    },

    /** GET /ngsi-ld/v1/types: the types the tenant has entities of; with details, their attribute names. */
    listTypes: async (tenant: TenantChoice, query: NgsiLdQuery) => {
      const siren = await requireTenant(tenant);
      const present = await sensorsByType(siren);
      if (query.details === 'true')
        return {
          tenant: siren,
          body: present.map(({ type, sensors }) => entityType(type, typeAttributeNames(type, sensors))),
        };
      if (query.details !== undefined && query.details !== 'false')
        throw new NgsiLdError('BadRequestData', 'details is true or false');
      return {
        tenant: siren,
        body: entityTypeList(
          siren,
          present.map((t) => t.type),
        ),
      };
    },

    /** GET /ngsi-ld/v1/types/{type}: how many entities of the type, and their attributes. */
    getType: async (tenant: TenantChoice, name: string) => {
      const siren = await requireTenant(tenant);
      const type = sensorTypeOf(name);
      const [found] = type ? await sensorsByType(siren, [type]) : [];
      if (!found) throw new NgsiLdError('ResourceNotFound', `No entity of type ${name} in tenant ${siren}`);
      return {
        tenant: siren,
        body: entityTypeInfo(found.type, found.sensors.length, typeAttributeNames(found.type, found.sensors)),
      };
    },
  };
};
