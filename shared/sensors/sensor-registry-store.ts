/**
 * DynamoDB adapter of the sensor registry: partners, their API keys, sensors.
 *
 * Access patterns
 * - a partner / a territory's partners   GetItem / Query  pk=TERRITORY#<siren>#PARTNERS, sk=PARTNER#<id>
 * - an API key by key id (each request)  GetItem (consistent) pk=TERRITORY#<siren>#API-KEY#<keyId>, sk=API-KEY
 * - a partner's keys, oldest first       Query gsi1 gsi1pk=TERRITORY#<siren>#PARTNER#<id>#API-KEYS
 * - a sensor / some sensors              GetItem / BatchGet pk=TERRITORY#<siren>#SENSOR#<id>, sk=SENSOR
 * - sensors of a type (in a commune)     Query gsi1 gsi1pk=TERRITORY#<siren>#SENSORS#TYPE#<type>, gsi1sk=<insee>#<id>
 * - sensors of a commune                 Query gsi2 gsi2pk=TERRITORY#<siren>#SENSORS#COMMUNE#<insee>, gsi2sk=<type>#<id>
 * - sensors in a bounding box, or all    Query pk=TERRITORY#<siren>#SENSOR-GEO, sk begins_with <geohash prefix>
 *                                        (one small item per sensor, sk=<geohash9>#<id>), then BatchGet
 * A sensor's partition also holds its latest values (sk=LATEST, observation-store.ts) and its open
 * alert markers (sk=OPEN-ALERT#<ruleId>, alert-store.ts): writes spread over one partition per sensor.
 */
import { boxContains } from '../geo/box';
import * as z from 'zod';
import { revokeKeyUpdate } from '../runtime/api-key-items';
import { commitWithEvents, type TransactItem } from '../events/outbox';
import { encodeGeohash } from '../geo/geohash';
import {
  ABSENT,
  atVersion,
  batchGetAll,
  deleteItem,
  getItem,
  INDEXES,
  parseItem,
  putItem,
  queryAll,
  type Item,
} from '../runtime/dynamo';
import { LATEST_SK, SENSOR_SK, sensorPk } from './sensor-keys';
import type { SensorRegistry } from './sensors-ports';
import { ApiKeyRecord, coveringPrefixes, Partner, PLACE_GEOHASH_PRECISION, Sensor, SensorTypeName } from './sensors';

const partnersPk = (siren: string) => `TERRITORY#${siren}#PARTNERS`;
const partnerKey = (siren: string, partnerId: string) => ({ pk: partnersPk(siren), sk: `PARTNER#${partnerId}` });
const apiKeyKey = (siren: string, keyId: string) => ({ pk: `TERRITORY#${siren}#API-KEY#${keyId}`, sk: 'API-KEY' });
const partnerKeysPk = (siren: string, partnerId: string) => `TERRITORY#${siren}#PARTNER#${partnerId}#API-KEYS`;
const sensorKey = (siren: string, sensorId: string) => ({ pk: sensorPk(siren, sensorId), sk: SENSOR_SK });
const geoPk = (siren: string) => `TERRITORY#${siren}#SENSOR-GEO`;
const geoSk = (sensor: Sensor) =>
  `${encodeGeohash(sensor.location.lat, sensor.location.lon, PLACE_GEOHASH_PRECISION)}#${sensor.id}`;

/** The small item per sensor that the place index holds (sk=<geohash9>#<id>). */
const PlaceEntry = z.object({
  sensorId: z.string(),
  type: SensorTypeName,
  insee: z.string(),
  lat: z.number(),
  lon: z.number(),
});

const sensorItem = (sensor: Sensor): Item => ({
  ...sensorKey(sensor.territory, sensor.id),
  gsi1pk: `TERRITORY#${sensor.territory}#SENSORS#TYPE#${sensor.type}`,
  gsi1sk: `${sensor.commune.insee}#${sensor.id}`,
  gsi2pk: `TERRITORY#${sensor.territory}#SENSORS#COMMUNE#${sensor.commune.insee}`,
  gsi2sk: `${sensor.type}#${sensor.id}`,
  ...sensor,
});

const getSensors = async (siren: string, sensorIds: readonly string[]): Promise<Map<string, Sensor>> => {
  const ids = [...new Set(sensorIds)];
  const items = await batchGetAll(ids.map((id) => sensorKey(siren, id)));
  return new Map(items.map((item) => parseItem(Sensor, item)).map((sensor) => [sensor.id, sensor]));
};

export const dynamoSensorRegistry: SensorRegistry = {
  async getPartner(siren, partnerId) {
    return getItem(Partner, partnerKey(siren, partnerId));
  },

  async listPartners(siren) {
    const items = await queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': partnersPk(siren) },
    });
    return items.map((item) => parseItem(Partner, item));
  },

  async createPartner(partner, event) {
    await commitWithEvents([putItem({ ...partnerKey(partner.territory, partner.id), ...partner }, ABSENT)], [event]);
  },

  async getApiKey(siren, keyId) {
    // Strongly consistent: a key revoked a moment ago must not authenticate.
    return getItem(ApiKeyRecord, apiKeyKey(siren, keyId), { consistent: true });
  },

  async listApiKeys(siren, partnerId) {
    const items = await queryAll({
      IndexName: INDEXES.gsi1,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': partnerKeysPk(siren, partnerId) },
    });
    return items.map((item) => parseItem(ApiKeyRecord, item));
  },

  async createApiKey(key, event) {
    const item = {
      ...apiKeyKey(key.territory, key.keyId),
      gsi1pk: partnerKeysPk(key.territory, key.partnerId),
      gsi1sk: `${key.createdAt}#${key.keyId}`,
      ...key,
    };
    await commitWithEvents([putItem(item, ABSENT)], [event]);
  },

  async revokeApiKey(key, event) {
    await commitWithEvents([revokeKeyUpdate(apiKeyKey(key.territory, key.keyId), key)], [event]);
  },

  getSensor: (siren, sensorId) => getItem(Sensor, sensorKey(siren, sensorId)),

  getSensors,

  async saveSensor(sensor, previous, event) {
    const geo = (s: Sensor) => ({ pk: geoPk(s.territory), sk: geoSk(s) });
    const place: z.input<typeof PlaceEntry> = {
      sensorId: sensor.id,
      type: sensor.type,
      insee: sensor.commune.insee,
      lat: sensor.location.lat,
      lon: sensor.location.lon,
    };
    const items: TransactItem[] = [
      putItem(sensorItem(sensor), atVersion(previous?.version)),
      putItem({ ...geo(sensor), ...place }),
    ];
    if (previous && geo(previous).sk !== geo(sensor).sk) items.push(deleteItem(geo(previous)));
    if (!previous)
      items.push(putItem({ pk: sensorPk(sensor.territory, sensor.id), sk: LATEST_SK, values: {} }, ABSENT));
    await commitWithEvents(items, [event]);
  },

  async listSensors(siren, { type, commune, bbox }) {
    if (bbox) {
      const prefixes = coveringPrefixes(bbox);
      const entries = (
        await Promise.all(
          prefixes.map((prefix) =>
            // A box wider than the coarsest cells is the whole partition (a key value cannot be empty).
            queryAll(
              prefix === ''
                ? { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': geoPk(siren) } }
                : {
                    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
                    ExpressionAttributeValues: { ':pk': geoPk(siren), ':prefix': prefix },
                  },
            ),
          ),
        )
      ).flat();
      const ids = entries
        .map((item) => parseItem(PlaceEntry, item))
        .filter((e) => boxContains(bbox, e.lon, e.lat))
        .filter((e) => (!type || e.type === type) && (!commune || e.insee === commune))
        .map((e) => e.sensorId);
      return [...(await getSensors(siren, ids)).values()];
    }
    if (type) {
      const items = await queryAll({
        IndexName: INDEXES.gsi1,
        KeyConditionExpression: commune ? 'gsi1pk = :pk AND begins_with(gsi1sk, :commune)' : 'gsi1pk = :pk',
        ExpressionAttributeValues: {
          ':pk': `TERRITORY#${siren}#SENSORS#TYPE#${type}`,
          ...(commune ? { ':commune': `${commune}#` } : {}),
        },
      });
      return items.map((item) => parseItem(Sensor, item));
    }
    if (commune) {
      const items = await queryAll({
        IndexName: INDEXES.gsi2,
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': `TERRITORY#${siren}#SENSORS#COMMUNE#${commune}` },
      });
      return items.map((item) => parseItem(Sensor, item));
    }
    const all = await queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': geoPk(siren) },
    });
    const ids = all.map((item) => parseItem(PlaceEntry, item).sensorId);
    return [...(await getSensors(siren, ids)).values()];
  },
};
