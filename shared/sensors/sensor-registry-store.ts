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
import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { commitWithEvents, type TransactItem } from '../events/outbox';
import { dynamo, INDEXES, TABLE_NAME, queryAll } from '../runtime/dynamo';
import { boxContainsPoint, coveringPrefixes, encodeGeohash } from './geohash';
import { LATEST_SK, SENSOR_SK, sensorPk } from './sensor-keys';
import type { SensorRegistry } from './sensors-ports';
import type { ApiKeyRecord, Partner, Sensor } from './sensors';

type Item = Record<string, unknown>;

const partnersPk = (siren: string) => `TERRITORY#${siren}#PARTNERS`;
const apiKeyKey = (siren: string, keyId: string) => ({ pk: `TERRITORY#${siren}#API-KEY#${keyId}`, sk: 'API-KEY' });
const geoPk = (siren: string) => `TERRITORY#${siren}#SENSOR-GEO`;
const geoSk = (sensor: Sensor) => `${encodeGeohash(sensor.location.lat, sensor.location.lon)}#${sensor.id}`;

const strip = <T>({ pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _s1, gsi2pk: _g2, gsi2sk: _s2, ...rest }: Item): T =>
  rest as T;

/** BatchGet of any number of keys, retrying what DynamoDB leaves unprocessed. */
export const batchGetAll = async (keys: readonly Item[], consistent = false): Promise<Item[]> => {
  const items: Item[] = [];
  for (let start = 0; start < keys.length; start += 100) {
    let pending: Item[] | undefined = keys.slice(start, start + 100);
    while (pending && pending.length > 0) {
      const result: { Responses?: Record<string, Item[]>; UnprocessedKeys?: Record<string, { Keys?: Item[] }> } =
        await dynamo.send(
          new BatchGetCommand({ RequestItems: { [TABLE_NAME]: { Keys: pending, ConsistentRead: consistent } } }),
        );
      items.push(...(result.Responses?.[TABLE_NAME] ?? []));
      pending = result.UnprocessedKeys?.[TABLE_NAME]?.Keys;
    }
  }
  return items;
};

const sensorItem = (sensor: Sensor): Item => ({
  pk: sensorPk(sensor.territory, sensor.id),
  sk: SENSOR_SK,
  gsi1pk: `TERRITORY#${sensor.territory}#SENSORS#TYPE#${sensor.type}`,
  gsi1sk: `${sensor.commune.insee}#${sensor.id}`,
  gsi2pk: `TERRITORY#${sensor.territory}#SENSORS#COMMUNE#${sensor.commune.insee}`,
  gsi2sk: `${sensor.type}#${sensor.id}`,
  ...sensor,
});

const getSensors = async (siren: string, sensorIds: readonly string[]): Promise<Map<string, Sensor>> => {
  const ids = [...new Set(sensorIds)];
  const items = await batchGetAll(ids.map((id) => ({ pk: sensorPk(siren, id), sk: SENSOR_SK })));
  return new Map(items.map((item) => [item.id as string, strip<Sensor>(item)]));
};

export const dynamoSensorRegistry: SensorRegistry = {
  async getPartner(siren, partnerId) {
    const { Item: item } = await dynamo.send(
      new GetCommand({ TableName: TABLE_NAME, Key: { pk: partnersPk(siren), sk: `PARTNER#${partnerId}` } }),
    );
    return item ? strip<Partner>(item) : undefined;
  },

  async listPartners(siren) {
    return (
      await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': partnersPk(siren) } })
    ).map((item) => strip<Partner>(item));
  },

  async createPartner(partner, event) {
    await commitWithEvents(
      [
        {
          Put: {
            TableName: TABLE_NAME,
            Item: { pk: partnersPk(partner.territory), sk: `PARTNER#${partner.id}`, ...partner },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
      [event],
    );
  },

  async getApiKey(siren, keyId) {
    const { Item: item } = await dynamo.send(
      new GetCommand({ TableName: TABLE_NAME, Key: apiKeyKey(siren, keyId), ConsistentRead: true }),
    );
    return item ? strip<ApiKeyRecord>(item) : undefined;
  },

  async listApiKeys(siren, partnerId) {
    return (
      await queryAll({
        IndexName: INDEXES.gsi1,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `TERRITORY#${siren}#PARTNER#${partnerId}#API-KEYS` },
      })
    ).map((item) => strip<ApiKeyRecord>(item));
  },

  async createApiKey(key, event) {
    await commitWithEvents(
      [
        {
          Put: {
            TableName: TABLE_NAME,
            Item: {
              ...apiKeyKey(key.territory, key.keyId),
              gsi1pk: `TERRITORY#${key.territory}#PARTNER#${key.partnerId}#API-KEYS`,
              gsi1sk: `${key.createdAt}#${key.keyId}`,
              ...key,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
      [event],
    );
  },

  async revokeApiKey(key, event) {
    await commitWithEvents(
      [
        {
          Update: {
            TableName: TABLE_NAME,
            Key: apiKeyKey(key.territory, key.keyId),
            UpdateExpression: 'SET #status = :revoked, revokedAt = :at, revokedBy = :by',
            ConditionExpression: '#status = :active',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':revoked': 'revoked',
              ':active': 'active',
              ':at': key.revokedAt,
              ':by': key.revokedBy,
            },
          },
        },
      ],
      [event],
    );
  },

  async getSensor(siren, sensorId) {
    const { Item: item } = await dynamo.send(
      new GetCommand({ TableName: TABLE_NAME, Key: { pk: sensorPk(siren, sensorId), sk: SENSOR_SK } }),
    );
    return item ? strip<Sensor>(item) : undefined;
  },

  getSensors,

  async saveSensor(sensor, previous, event) {
    const geo = (s: Sensor) => ({ pk: geoPk(s.territory), sk: geoSk(s) });
    const items: TransactItem[] = [
      {
        Put: {
          TableName: TABLE_NAME,
          Item: sensorItem(sensor),
          ...(previous
            ? {
                ConditionExpression: 'version = :expected',
                ExpressionAttributeValues: { ':expected': previous.version },
              }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      },
      {
        Put: {
          TableName: TABLE_NAME,
          Item: {
            ...geo(sensor),
            sensorId: sensor.id,
            type: sensor.type,
            insee: sensor.commune.insee,
            lat: sensor.location.lat,
            lon: sensor.location.lon,
          },
        },
      },
    ];
    if (previous && geo(previous).sk !== geo(sensor).sk)
      items.push({ Delete: { TableName: TABLE_NAME, Key: geo(previous) } });
    if (!previous) {
      items.push({
        Put: {
          TableName: TABLE_NAME,
          Item: { pk: sensorPk(sensor.territory, sensor.id), sk: LATEST_SK, values: {} },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
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
        .filter((e) => boxContainsPoint(bbox, e.lat as number, e.lon as number))
        .filter((e) => (!type || e.type === type) && (!commune || e.insee === commune))
        .map((e) => e.sensorId as string);
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
      return items.map((item) => strip<Sensor>(item));
    }
    if (commune) {
      const items = await queryAll({
        IndexName: INDEXES.gsi2,
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': `TERRITORY#${siren}#SENSORS#COMMUNE#${commune}` },
      });
      return items.map((item) => strip<Sensor>(item));
    }
    const all = await queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': geoPk(siren) },
    });
    return [
      ...(
        await getSensors(
          siren,
          all.map((e) => e.sensorId as string),
        )
      ).values(),
    ];
  },
};
