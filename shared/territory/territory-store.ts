/**
 * DynamoDB adapter of the territory context. Everything of a territory lives in its partition, so
 * isolation between territories is a property of the key.
 *
 * Access patterns (all in partition pk = TERRITORY#<siren>)
 * - every territory (registry)      Query    pk = TERRITORIES             (one small item per territory)
 * - territory                      GetItem  sk = TERRITORY
 * - one commune                    GetItem  sk = COMMUNE#<insee>
 * - communes of a territory        Query    sk begins_with COMMUNE#        (small items: no geometry)
 * - boundaries of some communes    BatchGet sk = BOUNDARY#<insee>         (geometry as a JSON string)
 * - bodies with their services     Query    sk begins_with BODY#           (BODY#<id>, BODY#<id>#SERVICE#<sid>)
 * - categories with overrides      Query    sk begins_with CATEGORY#       (CATEGORY#<code>, …#OVERRIDE#<insee>)
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { commitWithEvents } from '../events/outbox';
import {
  atVersion,
  batchGetAll,
  deleteItem,
  dynamo,
  getItem,
  parseItem,
  putItem,
  queryAll,
  TABLE_NAME,
  type Item,
  type TransactItem,
} from '../runtime/dynamo';
import type { Boundary } from './geometry';
import {
  BODY_KINDS,
  BodySlaRecord,
  CategoryOverrideRecord,
  CategoryRecord,
  CommuneRecord,
  ServiceRecord,
  TerritoryRecord,
  type Body,
  type Category,
  type CategoryOverride,
  type Service,
} from './territory';
import type { TerritoryStore } from './territory-ports';

const pk = (siren: string) => `TERRITORY#${siren}`;
const TRANSACTION_LIMIT = 100;

/** Every item of a partition, or those whose sort key starts with `prefix`. */
const queryPartition = (partition: string, prefix?: string): Promise<Item[]> =>
  queryAll({
    KeyConditionExpression: prefix === undefined ? 'pk = :pk' : 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': partition, ...(prefix === undefined ? {} : { ':prefix': prefix }) },
  });

const queryTerritory = (siren: string, prefix: string): Promise<Item[]> => queryPartition(pk(siren), prefix);

/** Replaces an item read at `version` (or creates one that did not exist); `null`: unconditionally. */
const put = (item: Item, version?: number | null): TransactItem =>
  putItem(item, version === null ? undefined : atVersion(version));

/** A body item (BODY#<id>): its own fields; its services are items of their own. */
const BodyItem = z.object({ kind: z.enum(BODY_KINDS), name: z.string(), sla: BodySlaRecord.optional() });
/** A category item: its overrides are items of their own. */
const CategoryItem = CategoryRecord.omit({ overrides: true });
const BoundaryItem = z.object({ insee: z.string(), geometry: z.string() });

/** Sets attributes, leaving the item's others (a commune's boundary) as they are. */
const upsert = (key: Item, fields: Item): TransactItem => {
  const names = Object.keys(fields);
  return {
    Update: {
      TableName: TABLE_NAME,
      Key: key,
      UpdateExpression: `SET ${names.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#f${i}`, n])),
      ExpressionAttributeValues: Object.fromEntries(names.map((n, i) => [`:v${i}`, fields[n]])),
    },
  };
};

const serviceItem = (siren: string, bodyId: string, service: Service): Item => ({
  pk: pk(siren),
  sk: `BODY#${bodyId}#SERVICE#${service.id}`,
  ...service,
});

const overrideKey = (siren: string, code: string, insee: string) => ({
  pk: pk(siren),
  sk: `CATEGORY#${code}#OVERRIDE#${insee}`,
});

export const dynamoTerritoryStore: TerritoryStore = {
  getTerritory: (siren) => getItem(TerritoryRecord, { pk: pk(siren), sk: 'TERRITORY' }),

  async listTerritories() {
    return (await queryPartition('TERRITORIES')).map((item) => item.siren as string);
  },

  async listCommunes(siren) {
    return (await queryTerritory(siren, 'COMMUNE#')).map((item) => parseItem(CommuneRecord, item));
  },

  getCommune: (siren, insee) => getItem(CommuneRecord, { pk: pk(siren), sk: `COMMUNE#${insee}` }),

  async getBoundaries(siren, insees) {
    const items = await batchGetAll(insees.map((insee) => ({ pk: pk(siren), sk: `BOUNDARY#${insee}` })));
    return new Map(
      items.map((item) => {
        const { insee, geometry } = parseItem(BoundaryItem, item);
        return [insee, JSON.parse(geometry) as Boundary];
      }),
    );
  },

  async saveImport(territory, communes, event) {
    const items: TransactItem[] = [
      put({ pk: pk(territory.siren), sk: 'TERRITORY', ...territory }, null),
      put({ pk: 'TERRITORIES', sk: territory.siren, siren: territory.siren }, null),
      upsert({ pk: pk(territory.siren), sk: `BODY#${territory.siren}` }, { kind: 'territory', name: territory.name }),
      ...communes.flatMap((c) => [
        upsert(
          { pk: pk(c.siren), sk: `COMMUNE#${c.insee}` },
          {
            siren: c.siren,
            insee: c.insee,
            name: c.name,
            population: c.population,
            ...(c.postalCodes ? { postalCodes: c.postalCodes } : {}),
          },
        ),
        upsert({ pk: pk(c.siren), sk: `BODY#${c.insee}` }, { kind: 'commune', name: c.name }),
      ]),
    ];
    // A large EPCI exceeds one transaction: earlier chunks are idempotent upserts, the last one
    // carries the event. A crash in between leaves a partial import that a new import completes.
    const chunkSize = TRANSACTION_LIMIT - 1;
    for (let start = 0; start + chunkSize < items.length; start += chunkSize) {
      await dynamo.send(new TransactWriteCommand({ TransactItems: items.slice(start, start + chunkSize) }));
    }
    await commitWithEvents(items.slice(Math.floor((items.length - 1) / chunkSize) * chunkSize), [event]);
  },

  async saveBoundary(commune, boundary, previousVersion, event) {
    const key = { pk: pk(commune.siren), sk: `BOUNDARY#${commune.insee}` };
    await commitWithEvents(
      [
        put(
          { ...key, insee: commune.insee, geometry: JSON.stringify(boundary), version: commune.boundary!.version },
          previousVersion,
        ),
        {
          Update: {
            TableName: TABLE_NAME,
            Key: { pk: pk(commune.siren), sk: `COMMUNE#${commune.insee}` },
            UpdateExpression: 'SET boundary = :boundary',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':boundary': commune.boundary },
          },
        },
      ],
      [event],
    );
  },

  async listBodies(siren) {
    const bodies = new Map<string, Body & { services: Body['services'][number][] }>();
    for (const item of await queryTerritory(siren, 'BODY#')) {
      const [, bodyId = '', , serviceId] = String(item.sk).split('#');
      if (serviceId === undefined) bodies.set(bodyId, { id: bodyId, ...parseItem(BodyItem, item), services: [] });
      else bodies.get(bodyId)?.services.push(parseItem(ServiceRecord, item));
    }
    return [...bodies.values()];
  },

  async saveBodySla(siren, bodyId, sla, previousVersion, event) {
    await commitWithEvents(
      [
        {
          Update: {
            TableName: TABLE_NAME,
            Key: { pk: pk(siren), sk: `BODY#${bodyId}` },
            UpdateExpression: 'SET sla = :sla',
            ConditionExpression:
              previousVersion === undefined
                ? 'attribute_exists(pk) AND attribute_not_exists(sla)'
                : 'attribute_exists(pk) AND sla.version = :expected',
            ExpressionAttributeValues: {
              ':sla': sla,
              ...(previousVersion === undefined ? {} : { ':expected': previousVersion }),
            },
          },
        },
      ],
      [event],
    );
  },

  async saveService(siren, bodyId, service, previousVersion, event) {
    await commitWithEvents([put(serviceItem(siren, bodyId, service), previousVersion)], [event]);
  },

  async deleteService(siren, bodyId, service, event) {
    await commitWithEvents(
      [deleteItem({ pk: pk(siren), sk: `BODY#${bodyId}#SERVICE#${service.id}` }, atVersion(service.version))],
      [event],
    );
  },

  async listCategories(siren) {
    const categories = new Map<string, Category & { overrides: CategoryOverride[] }>();
    for (const item of await queryTerritory(siren, 'CATEGORY#')) {
      const [, code = '', , insee] = String(item.sk).split('#');
      if (insee === undefined) categories.set(code, { ...parseItem(CategoryItem, item), overrides: [] });
      else categories.get(code)?.overrides.push(parseItem(CategoryOverrideRecord, item));
    }
    return [...categories.values()];
  },

  async saveCategory(siren, category, previousVersion, event) {
    const { overrides: _overrides, ...fields } = category;
    await commitWithEvents(
      [put({ pk: pk(siren), sk: `CATEGORY#${category.code}`, ...fields }, previousVersion)],
      [event],
    );
  },

  async saveOverride(siren, code, override, previousVersion, event) {
    await commitWithEvents(
      [put({ ...overrideKey(siren, code, override.insee), ...override }, previousVersion)],
      [event],
    );
  },

  async deleteOverride(siren, code, override, event) {
    await commitWithEvents(
      [deleteItem(overrideKey(siren, code, override.insee), atVersion(override.version))],
      [event],
    );
  },
};
