/**
 * The single-table DynamoDB kernel: the client, and the few ways every store reads and writes.
 * Keys are generic (pk/sk, gsiNpk/gsiNsk) and always start with the tenant, so isolation is a
 * property of the key, not of a filter. Each store (`*-store.ts`) lists the access patterns it
 * serves at the top of its file and builds them from what is here:
 * - writes: `putItem` / `deleteItem` with a `Condition` (`ABSENT`, `atVersion`) as transaction items;
 *   `retryWhileBusy` around a transaction that may meet another one on a hot item;
 * - reads: `queryPage` (one page of one partition, cursor bound to it), `queryAll` (small
 *   partitions), `batchGetAll`;
 * - items become domain values through `parseItem` (a zod schema), never a cast.
 */
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type QueryCommandInput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { z, ZodType } from 'zod';
import { ConflictError } from '../kernel/errors';
import type { Page } from '../kernel/schemas';
import { config } from './config';
import { decodeCursor, encodeCursor } from './dynamo-cursor';
import { tableDesign } from './table-design';
import { traceAwsCalls } from './tracing';

export const TABLE_NAME = config.tableName;

/** Attribute DynamoDB's TTL deletes items by (epoch seconds). */
export const TTL_ATTRIBUTE = tableDesign.timeToLiveAttribute;

export const INDEXES = {
  gsi1: 'gsi1',
  gsi2: 'gsi2',
  gsi3: 'gsi3',
  gsi4: 'gsi4',
  gsi5: 'gsi5',
  gsi6: 'gsi6',
  gsi7: 'gsi7',
  gsi8: 'gsi8',
} as const;

export type Item = Record<string, unknown>;
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export const dynamo = DynamoDBDocumentClient.from(
  // Each call a subsegment of the invocation's trace on Lambda (a no-op elsewhere).
  traceAwsCalls(
    new DynamoDBClient({
      region: config.region,
      endpoint: config.dynamodbEndpoint,
      // DynamoDB Local accepts any credentials; real AWS uses the function's role.
      ...(config.dynamodbEndpoint ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    }),
  ),
  { marshallOptions: { removeUndefinedValues: true } },
);

// ---------------------------------------------------------------------------------------------
// Writes

/** A condition on a write, with the names and values it uses. */
export interface Condition {
  readonly expression: string;
  readonly names?: Readonly<Record<string, string>>;
  readonly values?: Item;
}

/** The item must not exist yet (create once). */
export const ABSENT: Condition = { expression: 'attribute_not_exists(pk)' };

/** Optimistic locking: the item is still at the version read, or absent when none was read. */
export const atVersion = (version: number | undefined): Condition =>
  version === undefined ? ABSENT : { expression: 'version = :expected', values: { ':expected': version } };

/** The request fields of a condition, for a transaction item or a single write command. */
export const conditionFields = (condition: Condition | undefined) =>
  condition
    ? {
        ConditionExpression: condition.expression,
        ...(condition.names ? { ExpressionAttributeNames: { ...condition.names } } : {}),
        ...(condition.values ? { ExpressionAttributeValues: { ...condition.values } } : {}),
      }
    : {};

export const putItem = (item: Item, condition?: Condition): TransactItem => ({
  Put: { TableName: TABLE_NAME, Item: item, ...conditionFields(condition) },
});

export const deleteItem = (key: Item, condition?: Condition): TransactItem => ({
  Delete: { TableName: TABLE_NAME, Key: key, ...conditionFields(condition) },
});

/** Another transaction kept holding the items this one needs: the caller may retry later (409). */
export class StoreBusyError extends ConflictError {
  constructor() {
    super('Too many changes at once on this item: retry in a moment');
  }
}

const BUSY_CODES = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded']);
const BUSY_ERRORS = new Set([
  'TransactionConflictException',
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
]);

/**
 * True when a write failed only because the items were busy (another transaction, throttling),
 * not because a condition failed: trying again later can succeed.
 */
export const isBusy = (error: unknown): boolean => {
  if (error instanceof TransactionCanceledException) {
    const reasons = (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
    return (
      reasons.some((code) => BUSY_CODES.has(code)) && reasons.every((code) => code === 'None' || BUSY_CODES.has(code))
    );
  }
  return error instanceof Error && BUSY_ERRORS.has(error.name);
};

export const MAX_WRITE_ATTEMPTS = 8;

/** Waits before attempt `attempt + 1`: exponential backoff with full jitter (10 ms … 640 ms). */
export const backoff = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** Math.min(attempt, 6)));

/**
 * Runs a write, again while it fails only because its items are busy (supports on a popular
 * report, ballots on one box); after MAX_WRITE_ATTEMPTS a StoreBusyError (409). Any other error,
 * a failed condition included, is thrown at once.
 */
export const retryWhileBusy = async <T>(write: () => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (attempt >= MAX_WRITE_ATTEMPTS) throw new StoreBusyError();
      await backoff(attempt);
    }
  }
};

/** One TransactWriteItems without events: a failure is thrown as DynamoDB gives it (see failedConditions). */
export const transact = async (items: readonly TransactItem[]): Promise<void> => {
  await dynamo.send(new TransactWriteCommand({ TransactItems: [...items] }));
};

/** Positions of the transaction items whose condition failed; empty when the error is anything else. */
export const failedConditions = (error: unknown): readonly number[] =>
  error instanceof TransactionCanceledException
    ? (error.CancellationReasons ?? []).flatMap((reason, i) => (reason.Code === 'ConditionalCheckFailed' ? [i] : []))
    : [];

// ---------------------------------------------------------------------------------------------
// Reads

/**
 * The item at `key` as the schema describes it, or undefined. `consistent` when the caller is
 * about to write on what it read (a count, a version): it then sees every acknowledged write.
 */
export const getItem = async <S extends ZodType>(
  schema: S,
  key: { readonly pk: string; readonly sk: string },
  { consistent = false }: { readonly consistent?: boolean } = {},
): Promise<z.output<S> | undefined> => {
  const { Item } = await dynamo.send(new GetCommand({ TableName: TABLE_NAME, Key: key, ConsistentRead: consistent }));
  return Item ? parseItem(schema, Item) : undefined;
};

/** Every item a Query matches, page after page (up to `max`): for partitions known to stay small. */
export const queryAll = async (
  input: Omit<QueryCommandInput, 'TableName'>,
  max = Number.POSITIVE_INFINITY,
): Promise<Item[]> => {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await dynamo.send(new QueryCommand({ TableName: TABLE_NAME, ...input, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start && items.length < max);
  return items;
};

/** BatchGet of any number of keys, retrying what DynamoDB leaves unprocessed. */
export const batchGetAll = async (keys: readonly Item[], consistent = false): Promise<Item[]> => {
  const items: Item[] = [];
  for (let start = 0; start < keys.length; start += 100) {
    let pending: Item[] | undefined = keys.slice(start, start + 100);
    for (let attempt = 1; pending && pending.length > 0; attempt++) {
      if (attempt > 1) await backoff(attempt);
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

/** A filter expression built piece by piece, with its names and values (placeholders must differ). */
/** Deletes these keys, 25 per BatchWriteItem, what DynamoDB leaves unprocessed sent again with backoff. */
export const batchDeleteAll = async (keys: readonly { pk: unknown; sk: unknown }[]): Promise<void> => {
  for (let start = 0; start < keys.length; start += 25) {
    let requests = keys.slice(start, start + 25).map(({ pk, sk }) => ({ DeleteRequest: { Key: { pk, sk } } }));
    for (let attempt = 1; requests.length > 0; attempt++) {
      if (attempt > 1) await backoff(attempt);
      const result = await dynamo.send(new BatchWriteCommand({ RequestItems: { [TABLE_NAME]: requests } }));
      requests = (result.UnprocessedItems?.[TABLE_NAME] ?? []) as typeof requests;
    }
  }
};

export class QueryFilter {
  readonly conditions: string[] = [];
  readonly names: Record<string, string> = {};
  readonly values: Item = {};
  add(condition: string, names: Record<string, string>, values: Item): this {
    this.conditions.push(condition);
    Object.assign(this.names, names);
    Object.assign(this.values, values);
    return this;
  }
  get expression(): string | undefined {
    return this.conditions.length > 0 ? this.conditions.join(' AND ') : undefined;
  }
}

export interface PageQuery {
  /** The index to query (its keys are `<index>pk` / `<index>sk`); the table itself when absent. */
  readonly index?: string;
  /** The partition key value: the tenant is in it. */
  readonly partition: string;
  /** Bounds on the sort key (inclusive), or a prefix it begins with. */
  readonly sortKey?: { readonly from?: string; readonly to?: string; readonly beginsWith?: string };
  /** Narrows the items further. Prefer a key that selects them: a filter reads what it drops. */
  readonly filter?: QueryFilter;
  readonly order?: 'ascending' | 'descending';
  readonly limit: number;
  /** The cursor of the previous page; refused unless it was made for this partition. */
  readonly cursor?: string;
  /** With a filter, how many Query rounds may fill a page before it is returned short (with a cursor). */
  readonly rounds?: number;
  readonly consistent?: boolean;
}

/**
 * One page of one partition of the table or an index: up to `limit` items and, when there may be
 * more, an opaque cursor bound to that partition.
 */
export const queryPage = async (query: PageQuery): Promise<Page<Item>> => {
  const [pkName, skName] = query.index ? [`${query.index}pk`, `${query.index}sk`] : ['pk', 'sk'];
  const values: Item = { ':partition': query.partition };
  const conditions = [`${pkName} = :partition`];
  const { from, to, beginsWith } = query.sortKey ?? {};
  if (beginsWith !== undefined) {
    conditions.push(`begins_with(${skName}, :prefix)`);
    values[':prefix'] = beginsWith;
  } else if (from !== undefined && to !== undefined) {
    // DynamoDB refuses BETWEEN with its bounds crossed; nothing lies between them.
    if (from > to) return { items: [] };
    conditions.push(`${skName} BETWEEN :from AND :to`);
    Object.assign(values, { ':from': from, ':to': to });
  } else if (from !== undefined) {
    conditions.push(`${skName} >= :from`);
    values[':from'] = from;
  } else if (to !== undefined) {
    conditions.push(`${skName} <= :to`);
    values[':to'] = to;
  }
  const filter = query.filter;
  const items: Item[] = [];
  // The cursor opens only for this index, partition and key bounds (see dynamo-cursor.ts).
  const scope = { index: query.index ?? 'table', partition: query.partition, from, to, beginsWith };
  let start = await decodeCursor(scope, query.cursor);
  const rounds = filter?.expression ? (query.rounds ?? 5) : 1;
  // A rare filter value ends a page short, with a cursor to go on.
  for (let round = 0; round < rounds && items.length < query.limit; round++) {
    const result = await dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        ...(query.index ? { IndexName: query.index } : {}),
        KeyConditionExpression: conditions.join(' AND '),
        ...(filter?.expression ? { FilterExpression: filter.expression } : {}),
        ...(filter && Object.keys(filter.names).length > 0 ? { ExpressionAttributeNames: filter.names } : {}),
        ExpressionAttributeValues: { ...values, ...filter?.values },
        ScanIndexForward: query.order !== 'descending',
        Limit: query.limit - items.length,
        ExclusiveStartKey: start,
        ...(query.consistent ? { ConsistentRead: true } : {}),
      }),
    );
    items.push(...(result.Items ?? []));
    start = result.LastEvaluatedKey;
    if (!start) break;
  }
  const cursor = await encodeCursor(scope, start);
  return cursor ? { items, cursor } : { items };
};

/** A stored item that does not have the shape its store writes: a bug or a broken migration, never the caller's fault. */
export class CorruptItemError extends Error {}

/**
 * A stored item as a domain value: the schema keeps the fields it declares (key attributes
 * dropped) and checks their types, so a store never hands out what it did not write.
 */
export const parseItem = <S extends ZodType>(schema: S, item: Item): z.output<S> => {
  const result = schema.safeParse(item);
  if (result.success) return result.data;
  const where = `${String(item.pk)} / ${String(item.sk)}`;
  throw new CorruptItemError(
    `Stored item ${where} does not parse: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
  );
};

export { decodeCursor, encodeCursor, type CursorScope } from './dynamo-cursor';
