/**
 * Use cases of the sensor registry (partners, API keys, sensors) and of reading their data.
 * Pure: they decide and build events; the stores persist a change and its event together.
 */
import { newEvent, type ChangeData, type EventDefinition } from '../events/domain-event';
import type { Clock } from '../kernel/clock';
import {
  ForbiddenError,
  InvalidCursorError,
  InvalidInputError,
  NotFoundError,
  RuleViolationError,
} from '../kernel/errors';
import { newId } from '../kernel/ids';
import { assertTerritoryAdmin, type Principal } from '../kernel/principal';
import type { Page } from '../kernel/schemas';
import { generateApiKey } from './partner-keys';
import { propertyOf, type SensorType } from './sensor-catalogue';
import { SENSOR_EVENTS } from './sensor-events';
import type { ObservationStore, SensorFilter, SensorRegistry, TerritoryDirectory } from './sensors-ports';
import {
  isRolledUp,
  keyView,
  measuredProperties,
  rollupView,
  SLUG_PATTERN,
  unknownProperties,
  type ApiKey,
  type ApiKeyRecord,
  type LatestEntry,
  type Partner,
  type PartnerKind,
  type Resolution,
  type RollupView,
  type Sensor,
  type SensorWithLatest,
} from './sensors';

export interface SensorsDeps {
  readonly registry: SensorRegistry;
  readonly observations: ObservationStore;
  readonly territories: TerritoryDirectory;
  readonly clock: Clock;
}

/** Longest range one series request may span, by resolution: a request's cost stays bounded. */
export const MAX_RANGE_DAYS: Readonly<Record<'raw' | Resolution, number>> = { raw: 31, hour: 366, day: 3660 };

const DEFAULT_SPAN_DAYS: Readonly<Record<'raw' | Resolution, number>> = { raw: 1, hour: 7, day: 90 };

/** An agent or admin of this territory (any commune). */
export const assertTerritoryStaff = (principal: Principal, siren: string): void => {
  if ((principal.role === 'agent' || principal.role === 'admin') && principal.territory === siren) return;
  throw new ForbiddenError(`Only agents and admins of territory ${siren} may do this`);
};

/** A change of the registry or of an alert, before → after (the audit log keeps those a person made). */
export const sensorChangeEvent = (
  clock: Clock,
  definition: EventDefinition<string, typeof ChangeData>,
  principal: Principal | undefined,
  siren: string,
  subject: string,
  data: ChangeData,
) =>
  newEvent(clock, definition, {
    territory: siren,
    subject,
    ...(principal ? { actor: { sub: principal.sub, role: principal.role } } : {}),
    data,
  });

const pageCursor = (lastId: string | undefined) => (lastId ? Buffer.from(lastId).toString('base64url') : undefined);
const afterCursor = (cursor: string | undefined): string | undefined => {
  if (!cursor) return undefined;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!SLUG_PATTERN.test(id)) throw new InvalidCursorError();
  return id;
};

export const makeSensorUseCases = ({ registry, observations, territories, clock }: SensorsDeps) => {
  const change = (
    principal: Principal,
    siren: string,
    definition: EventDefinition<string, typeof ChangeData>,
    subject: string,
    data: ChangeData,
  ) => sensorChangeEvent(clock, definition, principal, siren, subject, data);

  const requireTerritory = async (siren: string): Promise<void> => {
    if (!(await territories.exists(siren))) throw new NotFoundError(`No territory with SIREN ${siren}`);
  };

  const requirePartner = async (siren: string, partnerId: string): Promise<Partner> => {
    const partner = await registry.getPartner(siren, partnerId);
    if (!partner) throw new NotFoundError(`No partner ${partnerId} in territory ${siren}`);
    return partner;
  };

  const requireSensor = async (siren: string, sensorId: string): Promise<Sensor> => {
    const sensor = await registry.getSensor(siren, sensorId);
    if (!sensor) throw new NotFoundError(`No sensor ${sensorId} in territory ${siren}`);
    return sensor;
  };

  const withLatest = async (siren: string, sensors: readonly Sensor[]): Promise<SensorWithLatest[]> => {
    const latest = await observations.getLatest(
      siren,
      sensors.map((s) => s.id),
    );
    return sensors.map((sensor) => ({ ...sensor, latest: latest.get(sensor.id) ?? {} }));
  };

  return {
    requireSensor,

    /** Primary course: a territory admin registers a company, start-up or lab that will push data. */
    registerPartner: async (
      principal: Principal,
      siren: string,
      input: { id: string; name: string; kind: PartnerKind; contactEmail?: string },
    ): Promise<Partner> => {
      assertTerritoryAdmin(principal, siren);
      await requireTerritory(siren);
      if (await registry.getPartner(siren, input.id))
        throw new RuleViolationError(`Partner ${input.id} already exists`, 'partner-id-unique');
      const partner: Partner = { ...input, territory: siren, createdAt: clock.now().toISOString(), version: 1 };
      const event = change(principal, siren, SENSOR_EVENTS.partnerRegistered, `partner/${input.id}`, {
        before: null,
        after: partner,
      });
      await registry.createPartner(partner, event);
      return partner;
    },

    listPartners: async (principal: Principal, siren: string): Promise<Partner[]> => {
      assertTerritoryAdmin(principal, siren);
      return registry.listPartners(siren);
    },

    /**
     * Primary course: an admin issues a new key to a partner; the key is returned once, only its
     * hash is kept. Older keys stay valid until revoked, so a partner rotates without downtime.
     */
    issueApiKey: async (
      principal: Principal,
      siren: string,
      partnerId: string,
      label: string,
    ): Promise<ApiKey & { key: string }> => {
      assertTerritoryAdmin(principal, siren);
      await requirePartner(siren, partnerId);
      const keyId = newId();
      const generated = generateApiKey(keyId);
      const record: ApiKeyRecord = {
        territory: siren,
        keyId,
        partnerId,
        label,
        hash: generated.hash,
        hint: generated.hint,
        status: 'active',
        createdAt: clock.now().toISOString(),
        createdBy: principal.sub,
      };
      const event = change(principal, siren, SENSOR_EVENTS.apiKeyIssued, `partner/${partnerId}/key/${keyId}`, {
        before: null,
        after: keyView(record),
      });
      await registry.createApiKey(record, event);
      return { ...keyView(record), key: generated.plaintext };
    },

    listApiKeys: async (principal: Principal, siren: string, partnerId: string): Promise<ApiKey[]> => {
      assertTerritoryAdmin(principal, siren);
      await requirePartner(siren, partnerId);
      return (await registry.listApiKeys(siren, partnerId)).map(keyView);
    },

    /** Primary course: an admin revokes a key; the next request made with it is refused. */
    revokeApiKey: async (principal: Principal, siren: string, partnerId: string, keyId: string): Promise<ApiKey> => {
      assertTerritoryAdmin(principal, siren);
      const key = await registry.getApiKey(siren, keyId);
      if (!key || key.partnerId !== partnerId) throw new NotFoundError(`Partner ${partnerId} has no key ${keyId}`);
      if (key.status === 'revoked') return keyView(key);
      const revoked: ApiKeyRecord = {
        ...key,
        status: 'revoked',
        revokedAt: clock.now().toISOString(),
        revokedBy: principal.sub,
      };
      const event = change(principal, siren, SENSOR_EVENTS.apiKeyRevoked, `partner/${partnerId}/key/${keyId}`, {
        before: keyView(key),
        after: keyView(revoked),
      });
      await registry.revokeApiKey(revoked, event);
      return keyView(revoked);
    },

    /**
     * Primary course: an admin registers (or moves, renames) a sensor of a partner; its commune
     * is the one containing its location; its units come from its type's Smart Data Model.
     */
    saveSensor: async (
      principal: Principal,
      siren: string,
      sensorId: string,
      input: {
        type: SensorType;
        name: string;
        partnerId: string;
        location: { lat: number; lon: number };
        properties: readonly string[];
      },
    ): Promise<Sensor> => {
      assertTerritoryAdmin(principal, siren);
      await requirePartner(siren, input.partnerId);
      const unknown = unknownProperties(input.type, input.properties);
      if (unknown.length > 0)
        throw new RuleViolationError(`${input.type} has no property ${unknown.join(', ')}`, 'property-of-type');
      const commune = await territories.communeAt(siren, input.location.lat, input.location.lon);
      if (!commune)
        throw new RuleViolationError(
          `(${input.location.lat}, ${input.location.lon}) is in no commune of territory ${siren}`,
          'location-in-territory',
        );
      const previous = await registry.getSensor(siren, sensorId);
      if (previous && previous.type !== input.type)
        throw new RuleViolationError(
          `Sensor ${sensorId} is a ${previous.type}; its type cannot change`,
          'type-is-fixed',
        );
      const now = clock.now().toISOString();
      const sensor: Sensor = {
        territory: siren,
        id: sensorId,
        type: input.type,
        name: input.name,
        partnerId: input.partnerId,
        location: input.location,
        commune,
        properties: measuredProperties(input.type, [...new Set(input.properties)]),
        createdAt: previous?.createdAt ?? now,
        updatedAt: now,
        version: (previous?.version ?? 0) + 1,
      };
      const event = change(principal, siren, SENSOR_EVENTS.sensorSaved, `sensor/${sensorId}`, {
        before: previous ?? null,
        after: sensor,
      });
      await registry.saveSensor(sensor, previous, event);
      return sensor;
    },

    getSensor: async (siren: string, sensorId: string): Promise<SensorWithLatest> =>
      (await withLatest(siren, [await requireSensor(siren, sensorId)]))[0]!,

    /** Latest values of a territory's sensors, by type, commune and/or bounding box; by id, paged. */
    listSensors: async (
      siren: string,
      filter: SensorFilter,
      limit: number,
      cursor?: string,
    ): Promise<Page<SensorWithLatest>> => {
      await requireTerritory(siren);
      const after = afterCursor(cursor);
      const sensors = (await registry.listSensors(siren, filter))
        .filter(
          (s) => (!filter.type || s.type === filter.type) && (!filter.commune || s.commune.insee === filter.commune),
        )
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .filter((s) => after === undefined || s.id > after);
      const page = sensors.slice(0, limit);
      const next = sensors.length > limit ? pageCursor(page.at(-1)?.id) : undefined;
      return { items: await withLatest(siren, page), ...(next ? { cursor: next } : {}) };
    },

    /** A property's points (raw) or rollups (hour, day) over a range, oldest first, paged. */
    series: async (
      siren: string,
      sensorId: string,
      property: string,
      request: { resolution: 'raw' | Resolution; from?: Date; to?: Date; limit: number; cursor?: string },
    ): Promise<Page<LatestEntry | RollupView>> => {
      const to = request.to ?? clock.now();
      const from = request.from ?? new Date(to.getTime() - DEFAULT_SPAN_DAYS[request.resolution] * 86_400_000);
      const query = { ...request, from, to };
      const sensor = await requireSensor(siren, sensorId);
      if (!sensor.properties.some((p) => p.name === property) || !propertyOf(sensor.type, property))
        throw new NotFoundError(`Sensor ${sensorId} does not measure ${property}`);
      if (query.to <= query.from)
        throw new InvalidInputError('`to` must be after `from`', [{ path: 'query.to', message: 'must be after from' }]);
      const days = (query.to.getTime() - query.from.getTime()) / 86_400_000;
      if (days > MAX_RANGE_DAYS[query.resolution])
        throw new InvalidInputError(
          `At ${query.resolution} resolution a request spans at most ${MAX_RANGE_DAYS[query.resolution]} days`,
          [{ path: 'query.from', message: `at most ${MAX_RANGE_DAYS[query.resolution]} days before to` }],
        );
      const range = {
        from: query.from.toISOString(),
        to: query.to.toISOString(),
        limit: query.limit,
        cursor: query.cursor,
      };
      if (query.resolution === 'raw') return observations.points(siren, sensorId, property, range);
      if (!isRolledUp(sensor, property))
        throw new RuleViolationError(
          `${property} is not numeric: it has no ${query.resolution} rollups`,
          'rollups-numeric',
        );
      const page = await observations.rollups(siren, sensorId, property, query.resolution, range);
      return {
        items: page.items.map(({ bucket, rollup }) => rollupView(query.resolution as Resolution, bucket, rollup)),
        ...(page.cursor ? { cursor: page.cursor } : {}),
      };
    },
  };
};
