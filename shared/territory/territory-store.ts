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
 *
 * Cell index (partition pk = TERRITORY#<siren>#CELL#<geohash 5>, see cell-index.ts)
 * - communes in a group of cells   Query    sk = <insee>                   (a copy of the commune's record, its cells)
 * The commune item keeps the groups it has items in (`cells`) and a `revision` every change of
 * the fields copied into them bumps: a boundary and its cells are written in one transaction,
 * guarded by it, so the index never disagrees with the boundaries nor the communes.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { commitWithEvents } from '../events/outbox';
import { ConflictError } from '../kernel/errors';
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
  failedConditions,
  transact,
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
  type Commune,
  type CategoryOverride,
  type Service,
} from './territory';
import type { CellGroup } from './cell-index';
import type { TerritoryStore } from './territory-ports';

const pk = (siren: string) => `TERRITORY#${siren}`;
const cellPk = (siren: string, group: string) => `TERRITORY#${siren}#CELL#${group}`;

/** A commune's items in the cell index: a copy of its record and its cells, per group. */
const cellItems = (commune: Commune, cells: readonly CellGroup[]): TransactItem[] =>
  cells.map((c) =>
    put({ pk: cellPk(commune.siren, c.group), sk: commune.insee, ...commune, whole: c.whole, border: c.border }, null),
  );
const TRANSACTION_LIMIT = 100;
/** Writes of cells a boundary's transaction has room for, beside the boundary, its commune and the event. */
const MAX_CELL_WRITES = TRANSACTION_LIMIT - 3;

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
const BoundaryItem = z.object({ insee: z.string(), geometry: z.string(), version: z.number() });
/** An item of the cell index: the commune's record as stored, its whole and border cells in the group. */
const CellEntryItem = CommuneRecord.extend({ whole: z.string(), border: z.string() });
/** What locate reads of a commune the cell index does not hold. */
const UnindexedItem = z.object({
  insee: z.string(),
  boundary: z.object({ bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]), version: z.number() }),
});
/** The index's bookkeeping on a commune item. */
const CommuneIndexItem = z.object({ cells: z.array(z.string()).optional(), revision: z.number().optional() });

/** The fields of a commune that its items in the cell index copy (besides its boundary summary). */
const copiedFields = (c: Commune) => ({
  name: c.name,
  population: c.population,
  ...(c.postalCodes ? { postalCodes: c.postalCodes } : {}),
});

/** The condition that a commune item is still at the revision read (items of before the index have none). */
const atRevision = (revision: number | undefined): ItemCondition =>
  revision === undefined
    ? { ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revision)' }
    : { ConditionExpression: 'revision = :revision', ExpressionAttributeValues: { ':revision': revision } };

/**
 * A commune as stored with the groups of cells it holds and its revision, read consistently: the
 * index copies the commune's fields and a boundary's write drops the cells held now.
 */
const readIndexedCommune = async (
  siren: string,
  insee: string,
): Promise<{ stored?: Commune; cells?: string[]; revision?: number }> => {
  const { Item: item } = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: { pk: pk(siren), sk: `COMMUNE#${insee}` }, ConsistentRead: true }),
  );
  return item ? { stored: parseItem(CommuneRecord, item), ...parseItem(CommuneIndexItem, item) } : {};
};

/** One transaction without events; a failed condition is a ConflictError. */
const transactOrConflict = async (items: readonly TransactItem[]): Promise<void> => {
  try {
    await transact(items);
  } catch (error) {
    if (failedConditions(error).length > 0) throw new ConflictError('It changed meanwhile: read it again and retry');
    throw error;
  }
};

type ItemCondition = { ConditionExpression: string; ExpressionAttributeValues?: Item };

/** Sets attributes, leaving the item's others (a commune's boundary) as they are. */
const upsert = (key: Item, fields: Item, condition?: ItemCondition): TransactItem => {
  const names = Object.keys(fields);
  return {
    Update: {
      TableName: TABLE_NAME,
      Key: key,
      UpdateExpression: `SET ${names.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#f${i}`, n])),
      ExpressionAttributeValues: {
        ...Object.fromEntries(names.map((n, i) => [`:v${i}`, fields[n]])),
        ...condition?.ExpressionAttributeValues,
      },
      ...(condition ? { ConditionExpression: condition.ConditionExpression } : {}),
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

  async getVersionedBoundaries(siren, insees) {
    const items = await batchGetAll(insees.map((insee) => ({ pk: pk(siren), sk: `BOUNDARY#${insee}` })));
    return new Map(
      items.map((item) => {
        const { insee, geometry, version } = parseItem(BoundaryItem, item);
        return [insee, { boundary: JSON.parse(geometry) as Boundary, version }];
      }),
    );
  },

  async cellEntries(siren, group) {
    const items = await queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': cellPk(siren, group) },
    });
    return items.map((item) => {
      const { whole, border, ...commune } = parseItem(CellEntryItem, item);
      return { commune, whole, border };
    });
  },

  async listUnindexedBoundaries(siren) {
    // Every commune is read (a few KB), but the filter usually leaves none to send.
    const found: Item[] = [];
    let scanned = 0;
    let start: Item | undefined;
    do {
      const page = await dynamo.send(
        new QueryCommand({
          TableName: TABLE_NAME,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          FilterExpression: 'attribute_exists(#boundary) AND attribute_not_exists(cells)',
          ProjectionExpression: 'insee, #boundary.bbox, #boundary.version',
          ExpressionAttributeNames: { '#boundary': 'boundary' },
          ExpressionAttributeValues: { ':pk': pk(siren), ':prefix': 'COMMUNE#' },
          ExclusiveStartKey: start,
        }),
      );
      found.push(...(page.Items ?? []));
      scanned += page.ScannedCount ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
    if (scanned === 0) return undefined;
    return found.map((item) => {
      const { insee, boundary } = parseItem(UnindexedItem, item);
      return { insee, ...boundary };
    });
  },

  async saveImport(territory, communes, event) {
    const siren = territory.siren;
    // Read consistently: a commune whose copied fields change has them changed in its cells of
    // the index in the same transaction, guarded by its revision (a boundary set meanwhile).
    const stored = new Map(
      (
        await queryAll({
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': pk(siren), ':prefix': 'COMMUNE#' },
          ConsistentRead: true,
        })
      ).map((item) => [String(item.insee), item]),
    );
    const communeItems = (c: Commune): TransactItem[] => {
      const key = { pk: pk(c.siren), sk: `COMMUNE#${c.insee}` };
      const fields = { siren: c.siren, insee: c.insee, ...copiedFields(c) };
      const body = upsert({ pk: pk(c.siren), sk: `BODY#${c.insee}` }, { kind: 'commune', name: c.name });
      const item = stored.get(c.insee);
      const before = item && parseItem(CommuneRecord, item);
      const same = (name: keyof ReturnType<typeof copiedFields>) =>
        !(name in fields) || JSON.stringify(before?.[name]) === JSON.stringify(fields[name]);
      if (!item || (same('name') && same('population') && same('postalCodes'))) return [upsert(key, fields), body];
      const { cells = [], revision } = parseItem(CommuneIndexItem, item);
      return [
        upsert(key, { ...fields, revision: (revision ?? 0) + 1 }, atRevision(revision)),
        body,
        ...cells.map((group) => upsert({ pk: cellPk(siren, group), sk: c.insee }, copiedFields(c))),
      ];
    };
    const groups: TransactItem[][] = [
      [
        put({ pk: pk(siren), sk: 'TERRITORY', ...territory }, null),
        put({ pk: 'TERRITORIES', sk: siren, siren }, null),
        upsert({ pk: pk(siren), sk: `BODY#${siren}` }, { kind: 'territory', name: territory.name }),
      ],
      ...communes.map(communeItems),
    ];
    // A large EPCI exceeds one transaction: a commune's items stay in one (≤ 2 + 97 cells); earlier
    // chunks are idempotent upserts, the last one carries the event. A crash in between leaves a
    // partial import that a new import completes.
    const chunks: TransactItem[][] = [[]];
    for (const items of groups) {
      if (chunks.at(-1)!.length + items.length > TRANSACTION_LIMIT - 1) chunks.push([]);
      chunks.at(-1)!.push(...items);
    }
    for (const chunk of chunks.slice(0, -1)) await transactOrConflict(chunk);
    await commitWithEvents(chunks.at(-1)!, [event]);
  },

  async saveBoundary(commune, boundary, previousVersion, event, cells) {
    const siren = commune.siren;
    const communeKey = { pk: pk(siren), sk: `COMMUNE#${commune.insee}` };
    const { stored, cells: held = [], revision } = await readIndexedCommune(siren, commune.insee);
    if (!stored || stored.boundary?.version !== previousVersion) {
      throw new ConflictError(`The boundary of ${commune.insee} changed meanwhile: read it again and retry`);
    }
    const record: Commune = { ...stored, boundary: commune.boundary };
    const kept = new Set(cells?.map((c) => c.group));
    const dropped = held.filter((group) => !kept.has(group));
    // Too many cells for one transaction (a commune of some thousand km²): left out of the index,
    // it is found by point in polygon. Every group held is dropped then (≤ MAX_CELL_WRITES: it fitted).
    const indexed: readonly CellGroup[] | undefined =
      cells && cells.length + dropped.length <= MAX_CELL_WRITES ? cells : undefined;
    await commitWithEvents(
      [
        put(
          {
            pk: pk(siren),
            sk: `BOUNDARY#${commune.insee}`,
            insee: commune.insee,
            geometry: JSON.stringify(boundary),
            version: commune.boundary!.version,
          },
          previousVersion,
        ),
        {
          Update: {
            TableName: TABLE_NAME,
            Key: communeKey,
            UpdateExpression: `SET boundary = :boundary, revision = :next${indexed ? ', cells = :cells' : ' REMOVE cells'}`,
            ...atRevision(revision),
            ExpressionAttributeValues: {
              ':boundary': commune.boundary,
              ':next': (revision ?? 0) + 1,
              ...(indexed ? { ':cells': indexed.map((c) => c.group) } : {}),
              ...atRevision(revision).ExpressionAttributeValues,
            },
          },
        },
        ...cellItems(record, indexed ?? []),
        ...(indexed ? dropped : held).map((group) => deleteItem({ pk: cellPk(siren, group), sk: commune.insee })),
      ],
      [event],
    );
  },

  async indexBoundary(siren, insee, version, cells) {
    const communeKey = { pk: pk(siren), sk: `COMMUNE#${insee}` };
    const { stored, cells: held, revision } = await readIndexedCommune(siren, insee);
    if (!stored || stored.boundary?.version !== version || held !== undefined || cells.length > MAX_CELL_WRITES) {
      return false;
    }
    try {
      // No event: nothing a user sees changes, only how fast the commune is found.
      await transactOrConflict([
        {
          ConditionCheck: {
            TableName: TABLE_NAME,
            Key: { pk: pk(siren), sk: `BOUNDARY#${insee}` },
            ConditionExpression: 'version = :version',
            ExpressionAttributeValues: { ':version': version },
          },
        },
        {
          Update: {
            TableName: TABLE_NAME,
            Key: communeKey,
            UpdateExpression: 'SET cells = :cells, revision = :next',
            ...atRevision(revision),
            ExpressionAttributeValues: {
              ':cells': cells.map((c) => c.group),
              ':next': (revision ?? 0) + 1,
              ...atRevision(revision).ExpressionAttributeValues,
            },
          },
        },
        ...cellItems(stored, cells),
      ]);
      return true;
    } catch (error) {
      // Set or indexed meanwhile: the boundary's own write put it in the index.
      if (error instanceof ConflictError) return false;
      throw error;
    }
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
