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
import { BatchGetCommand, GetCommand, TransactWriteCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { commitWithEvents, type TransactItem } from '../events/outbox';
import { dynamo, queryAll, TABLE_NAME } from '../runtime/dynamo';
import type { Boundary } from './geometry';
import type { Body, BodyKind, BodySla, Category, CategoryOverride, Commune, Service, Territory } from './territory';
import type { TerritoryStore } from './territory-ports';

const pk = (siren: string) => `TERRITORY#${siren}`;
const TRANSACTION_LIMIT = 100;

type Item = Record<string, unknown>;

/** Every item of a partition, or those whose sort key starts with `prefix`. */
const queryPartition = (partition: string, prefix?: string): Promise<Item[]> =>
  queryAll({
    KeyConditionExpression: prefix === undefined ? 'pk = :pk' : 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': partition, ...(prefix === undefined ? {} : { ':prefix': prefix }) },
  });

const queryTerritory = (siren: string, prefix: string): Promise<Item[]> => queryPartition(pk(siren), prefix);

/** Condition for replacing an item read at `version` (or creating one that did not exist). */
const versionCondition = (version: number | undefined) =>
  version === undefined
    ? { ConditionExpression: 'attribute_not_exists(pk)' }
    : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': version } };

const put = (item: Item, version?: number | null): TransactItem => ({
  Put: { TableName: TABLE_NAME, Item: item, ...(version === null ? {} : versionCondition(version)) },
});

const remove = (key: Item, version: number): TransactItem => ({
  Delete: { TableName: TABLE_NAME, Key: key, ...versionCondition(version) },
});

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

const fromCommuneItem = (item: Item): Commune => ({
  siren: item.siren as string,
  insee: item.insee as string,
  name: item.name as string,
  population: item.population as number,
  ...(item.boundary ? { boundary: item.boundary as Commune['boundary'] } : {}),
});

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
  async getTerritory(siren) {
    const { Item: item } = await dynamo.send(
      new GetCommand({ TableName: TABLE_NAME, Key: { pk: pk(siren), sk: 'TERRITORY' } }),
    );
    if (!item) return undefined;
    const { pk: _pk, sk: _sk, ...territory } = item;
    return territory as unknown as Territory;
  },

  async listTerritories() {
    return (await queryPartition('TERRITORIES')).map((item) => item.siren as string);
  },

  async listCommunes(siren) {
    return (await queryTerritory(siren, 'COMMUNE#')).map(fromCommuneItem);
  },

  async getCommune(siren, insee) {
    const { Item: item } = await dynamo.send(
      new GetCommand({ TableName: TABLE_NAME, Key: { pk: pk(siren), sk: `COMMUNE#${insee}` } }),
    );
    return item ? fromCommuneItem(item) : undefined;
  },

  async getBoundaries(siren, insees) {
    const boundaries = new Map<string, Boundary>();
    for (let start = 0; start < insees.length; start += 100) {
      let keys: Item[] | undefined = insees
        .slice(start, start + 100)
        .map((insee) => ({ pk: pk(siren), sk: `BOUNDARY#${insee}` }));
      while (keys && keys.length > 0) {
        const result: BatchGetCommandOutput = await dynamo.send(
          new BatchGetCommand({ RequestItems: { [TABLE_NAME]: { Keys: keys } } }),
        );
        for (const item of result.Responses?.[TABLE_NAME] ?? []) {
          boundaries.set(item.insee as string, JSON.parse(item.geometry as string) as Boundary);
        }
        keys = result.UnprocessedKeys?.[TABLE_NAME]?.Keys;
      }
    }
    return boundaries;
  },

  async saveImport(territory, communes, event) {
    const items: TransactItem[] = [
      put({ pk: pk(territory.siren), sk: 'TERRITORY', ...territory }, null),
      put({ pk: 'TERRITORIES', sk: territory.siren, siren: territory.siren }, null),
      upsert({ pk: pk(territory.siren), sk: `BODY#${territory.siren}` }, { kind: 'territory', name: territory.name }),
      ...communes.flatMap((c) => [
        upsert(
          { pk: pk(c.siren), sk: `COMMUNE#${c.insee}` },
          { siren: c.siren, insee: c.insee, name: c.name, population: c.population },
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
    const bodies = new Map<string, { id: string; kind: BodyKind; name: string; services: Service[]; sla?: BodySla }>();
    for (const item of await queryTerritory(siren, 'BODY#')) {
      const [, bodyId, , serviceId] = (item.sk as string).split('#');
      if (serviceId === undefined) {
        const sla = item.sla as BodySla | undefined;
        bodies.set(bodyId!, {
          id: bodyId!,
          kind: item.kind as BodyKind,
          name: item.name as string,
          services: [],
          ...(sla ? { sla } : {}),
        });
      } else {
        const { pk: _pk, sk: _sk, ...service } = item;
        bodies.get(bodyId!)?.services.push(service as unknown as Service);
      }
    }
    return [...bodies.values()] as Body[];
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
      [remove({ pk: pk(siren), sk: `BODY#${bodyId}#SERVICE#${service.id}` }, service.version)],
      [event],
    );
  },

  async listCategories(siren) {
    const categories = new Map<string, Category & { overrides: CategoryOverride[] }>();
    for (const item of await queryTerritory(siren, 'CATEGORY#')) {
      const [, code, , insee] = (item.sk as string).split('#');
      const { pk: _pk, sk: _sk, ...fields } = item;
      if (insee === undefined) categories.set(code!, { ...(fields as unknown as Category), overrides: [] });
      else categories.get(code!)?.overrides.push(fields as unknown as CategoryOverride);
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
    await commitWithEvents([remove(overrideKey(siren, code, override.insee), override.version)], [event]);
  },
};
