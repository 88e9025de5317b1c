/**
 * The NGSI-LD read subset over the sensor registry and its time series. The tenant is the
 * territory: the `NGSILD-Tenant` header names its SIREN (an entity id carries it too).
 */
import { distanceMetres } from '../geo/distance';
import { boxAround } from '../geo/box';
import {
  aggregatedAttribute,
  matchesQ,
  NgsiLdError,
  parseEntityId,
  parseGeoQuery,
  parseQ,
  parseTemporalQuery,
  sensorTypeOf,
  temporalAttribute,
  toEntity,
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
import type { SensorType } from './sensor-catalogue';

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

export const makeNgsiLdUseCases = ({ registry, observations, territories, clock }: SensorsDeps) => {
  const requireTenant = async (siren: string | undefined): Promise<string> => {
    if (!siren) throw new NgsiLdError('BadRequestData', 'Name the territory (its SIREN) in the NGSILD-Tenant header');
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
  const requireEntity = async (id: string, tenant: string | undefined): Promise<Sensor> => {
    const parsed = parseEntityId(id);
    if (!parsed) {
      if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(id)) throw new NgsiLdError('BadRequestData', `${id} is not a URI`);
      throw new NgsiLdError('ResourceNotFound', `No entity ${id}`);
    }
    if (tenant !== undefined && tenant !== parsed.territory)
      throw new NgsiLdError('ResourceNotFound', `No entity ${id} in tenant ${tenant}`);
    const sensor = await registry.getSensor(parsed.territory, parsed.sensorId);
    if (!sensor || sensor.type !== parsed.type) throw new NgsiLdError('ResourceNotFound', `No entity ${id}`);
    return sensor;
  };

  return {
    /** GET /ngsi-ld/v1/entities: by type, id, q on a property and/or near a point; paged by limit and offset. */
    queryEntities: async (tenantHeader: string | undefined, query: NgsiLdQuery) => {
      const ids = list(query.id);
      const parsedIds = ids?.map((id) => parseEntityId(id) ?? { type: undefined, territory: undefined, sensorId: id });
      const siren = await requireTenant(tenantHeader ?? parsedIds?.find((p) => p.territory)?.territory);
      const typeNames = list(query.type);
      const types = typeNames?.map(sensorTypeOf).filter((t): t is SensorType => t !== undefined);
      const near = parseGeoQuery(query.georel, query.geometry, query.coordinates);
      const terms = query.q ? parseQ(query.q) : undefined;
      const attrs = list(query.attrs);
      if (!ids && !typeNames && !terms && !near && !attrs)
        throw new NgsiLdError('BadRequestData', 'Give at least one of type, id, q, attrs or a geo-query (georel)');
      const limit = wholeNumber('limit', query.limit, 20, MAX_LIMIT);
      const offset = wholeNumber('offset', query.offset, 0, Number.MAX_SAFE_INTEGER);

      let candidates: Sensor[];
      if (parsedIds) {
        const ours = parsedIds.filter((p) => p.territory === siren).map((p) => p.sensorId);
        candidates = [...(await registry.getSensors(siren, ours)).values()].filter((s) =>
          parsedIds.some((p) => p.sensorId === s.id && p.type === s.type),
        );
      } else if (near) {
        const bbox = boxAround(near.lat, near.lon, near.maxDistance);
        candidates = await registry.listSensors(siren, { bbox, ...(types?.length === 1 ? { type: types[0] } : {}) });
      } else if (types) {
        candidates = (await Promise.all(types.map((type) => registry.listSensors(siren, { type })))).flat();
      } else {
        candidates = await registry.listSensors(siren, {});
      }
      const located = candidates
        .filter((s) => !types || types.includes(s.type))
        .map((s) => ({
          sensor: s,
          distance: near ? distanceMetres(near, s.location) : 0,
        }))
        .filter((c) => !near || c.distance <= near.maxDistance)
        .sort((a, b) => a.distance - b.distance || (a.sensor.id < b.sensor.id ? -1 : 1));
      const matching = (
        await withLatest(
          siren,
          located.map((c) => c.sensor),
        )
      )
        .filter((s) => !terms || matchesQ(terms, s))
        .filter(
          (s) =>
            !attrs || attrs.some((a) => a in s.latest || ['name', 'location', 'address', 'dataProvider'].includes(a)),
        );
      return {
        tenant: siren,
        count: matching.length,
        entities: matching
          .slice(offset, offset + limit)
          .map((s) => toEntity(s, { keyValues: keyValues(query), attrs })),
      };
    },

    /** GET /ngsi-ld/v1/entities/{id} */
    getEntity: async (id: string, tenantHeader: string | undefined, query: NgsiLdQuery) => {
      const sensor = await requireEntity(id, tenantHeader);
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
    temporalEntity: async (id: string, tenantHeader: string | undefined, query: NgsiLdQuery) => {
      const sensor = await requireEntity(id, tenantHeader);
      const temporal = parseTemporalQuery(query);
      const now = clock.now();
      // Nothing older than the 7 days accepted before registration can exist.
      const earliest = new Date(Date.parse(sensor.createdAt) - MAX_AGE_DAYS * 86_400_000);
      const from = temporal.from && temporal.from > earliest ? temporal.from : earliest;
      const to = temporal.to && temporal.to < now ? temporal.to : now;
      const requested = list(query.attrs);
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

      const entity: Record<string, unknown> = { id, type: sensor.type };
      let truncated = false;
      const range = {
        from: from.toISOString(),
        to: to.toISOString(),
        limit: temporal.lastN ?? MAX_INSTANCES,
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
      return { tenant: sensor.territory, entity, truncated, range: { from: range.from, to: range.to } };
    },
  };
};
