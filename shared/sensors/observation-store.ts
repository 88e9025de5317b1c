/**
 * DynamoDB adapter of observations: raw points, hourly and daily rollups, latest values.
 *
 * Access patterns
 * - write a point once                 Put pk=…#SENSOR#<id>#POINTS#<day>, sk=<property>#<instant>, if absent
 * - a property's points in a range     Query per day partition, sk BETWEEN <property>#<from> AND <property>#<to>
 * - hourly rollups in a range          Query pk=…#SENSOR#<id>#HOURS#<month>, sk=<property>#<yyyy-mm-ddThh>
 * - daily rollups in a range           Query pk=…#SENSOR#<id>#DAYS#<year>,  sk=<property>#<yyyy-mm-dd>
 * - latest values of some sensors      BatchGet pk=TERRITORY#<siren>#SENSOR#<id>, sk=LATEST (a map per property)
 * Range reads walk the time buckets in order; the cursor names the bucket and the last key read.
 *
 * Idempotent and exact under redelivery and any arrival order:
 * - a point's conditional Put and the count and sum of its hour and day rollups (ADD, commutative,
 *   exact decimal arithmetic in DynamoDB) go in ONE transaction, so a point already stored cancels
 *   it: that point is dropped and the rest retried, and a redelivered point never counts twice;
 * - min and max are monotonic and idempotent, so they are tightened right after, with conditional
 *   updates, for every point of the delivery (a redelivery repairs a crash in between). Readers may
 *   see count and sum a few milliseconds before min and max; the mean is sum / count.
 * No read precedes the transaction and no version is compared: two writers on the same rollup only
 * meet as a TransactionConflict, retried after a short random pause.
 *
 * Write cost per observation (items under 1 KB; a transactional write costs 2 WCU per item; a
 * conditional write costs 1 WCU even when its condition fails):
 * - alone in its hour: point + hour rollup + day rollup in a transaction = 3 × 2 = 6 WCU, the day's
 *   min or max when it moves (0–2 WCU, skipped after a 0.5 RCU read when it cannot), and the latest
 *   value when it is the newest of its delivery (1 WCU): 7 to 9 WCU;
 * - in a dense delivery (a transaction holds 100 items: ~97 points of one sensor, property and day
 *   with their 1–2 hours and the day): (97 + 3) × 2 / 97 ≈ 2.1 WCU, extremes and latest amortized.
 * A raw BatchWriteItem of the point alone would be 1 WCU. Points and rollups carry no index key, so
 * no GSI write. Keys: a partition per sensor and day (points), per sensor and month (hours), per
 * sensor and year (days): one busy sensor spreads over days, one busy day over sensors.
 * Raw points expire after RAW_RETENTION_DAYS (TTL); rollups stay.
 */
import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  TransactionConflictException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  NumberValue,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type BatchWriteCommandOutput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { dynamo, TABLE_NAME, TTL_ATTRIBUTE } from '../runtime/dynamo';
import { InvalidCursorError } from '../kernel/errors';
import { addExact } from './exact-sum';
import { batchGetAll } from './sensor-registry-store';
import { daysPk, hoursPk, LATEST_SK, pointsPk, sensorPk } from './sensor-keys';
import type { ObservationStore, SeriesPage, SeriesQuery } from './sensors-ports';
import {
  dayOf,
  groupBy,
  hourOf,
  isRolledUp,
  mergeRollup,
  monthOf,
  yearOf,
  type AcceptedObservation,
  type LatestEntry,
  type LatestValues,
  type Rollup,
  type Sensor,
} from './sensors';

type Item = Record<string, unknown>;
type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export const RAW_RETENTION_DAYS = 400;
const TRANSACTION_LIMIT = 100;
const MAX_ATTEMPTS = 12;
/** Cancellation reasons that another attempt can get past; any other is a bug, thrown at once. */
const RETRYABLE = new Set(['None', 'ConditionalCheckFailed', 'TransactionConflict', 'ThrottlingError']);

const pointItem = (siren: string, sensorId: string, point: AcceptedObservation): Item => ({
  pk: pointsPk(siren, sensorId, dayOf(point.observedAt)),
  sk: `${point.property}#${point.observedAt}`,
  value: point.value,
  [TTL_ATTRIBUTE]: Math.floor(Date.parse(point.observedAt) / 1000) + RAW_RETENTION_DAYS * 86_400,
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Splits a day's points (sorted) so that points + their hour rollups + the day rollup fit a transaction. */
const chunksOf = (points: readonly AcceptedObservation[], rolledUp: boolean): AcceptedObservation[][] => {
  const chunks: AcceptedObservation[][] = [];
  let chunk: AcceptedObservation[] = [];
  let hours = new Set<string>();
  for (const point of points) {
    const hour = hourOf(point.observedAt);
    const rollupItems = rolledUp ? hours.size + (hours.has(hour) ? 0 : 1) + 1 : 0;
    if (chunk.length > 0 && chunk.length + 1 + rollupItems > TRANSACTION_LIMIT) {
      chunks.push(chunk);
      chunk = [];
      hours = new Set();
    }
    chunk.push(point);
    hours.add(hour);
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
};

const rollupOf = (item: Item): Rollup => ({
  count: item.count as number,
  min: item.min as number,
  max: item.max as number,
  sum: String(item.sum),
});

/** A rollup as stored: the sum a DynamoDB number, exact. */
const storedRollup = (rollup: Rollup) => ({ ...rollup, sum: NumberValue.from(rollup.sum) });

const valuesOf = (points: readonly AcceptedObservation[]) => points.map((p) => p.value as number);

/** The hour rollups a day's points touch, and the day's, each with its points. */
const rollupsOf = (siren: string, sensorId: string, property: string, points: readonly AcceptedObservation[]) => {
  const day = dayOf(points[0]!.observedAt);
  return [
    ...[...groupBy(points, (p) => hourOf(p.observedAt))].map(([hour, inHour]) => ({
      key: { pk: hoursPk(siren, sensorId, monthOf(hour)), sk: `${property}#${hour}` },
      values: valuesOf(inHour),
    })),
    { key: { pk: daysPk(siren, sensorId, yearOf(day)), sk: `${property}#${day}` }, values: valuesOf(points) },
  ];
};

/**
 * Count and sum move with the points: ADD, commutative, no read, no version. min and max are set
 * here only when the rollup is new; tightenExtremes lowers or raises them afterwards.
 */
const rollupAdd = (key: Item, values: readonly number[]): TransactItem => ({
  Update: {
    TableName: TABLE_NAME,
    Key: key,
    UpdateExpression:
      'ADD #count :count, #sum :sum SET #min = if_not_exists(#min, :min), #max = if_not_exists(#max, :max)',
    ExpressionAttributeNames: { '#count': 'count', '#sum': 'sum', '#min': 'min', '#max': 'max' },
    ExpressionAttributeValues: {
      ':count': values.length,
      // DynamoDB adds numbers in exact decimal arithmetic (38 digits): the sum is exact whatever the order.
      ':sum': NumberValue.from(addExact('0', values)),
      ':min': Math.min(...values),
      ':max': Math.max(...values),
    },
  },
});

/**
 * Writes one chunk: its new points and count + sum of the rollups they change, in one transaction.
 * Returns the number of points that were new.
 */
const writeChunk = async (
  siren: string,
  sensorId: string,
  property: string,
  rolledUp: boolean,
  chunk: readonly AcceptedObservation[],
): Promise<number> => {
  let pending = [...chunk];
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    if (pending.length === 0) return 0;
    const items: TransactItem[] = pending.map((point) => ({
      Put: {
        TableName: TABLE_NAME,
        Item: pointItem(siren, sensorId, point),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    }));
    if (rolledUp)
      for (const { key, values } of rollupsOf(siren, sensorId, property, pending)) items.push(rollupAdd(key, values));
    try {
      await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
      return pending.length;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      if (reasons.some((r) => r.Code && !RETRYABLE.has(r.Code))) throw error;
      const stored = new Set(pending.flatMap((_, i) => (reasons[i]?.Code === 'ConditionalCheckFailed' ? [i] : [])));
      if (stored.size > 0) {
        // Delivered before: those points, and their share of count and sum, are already there.
        pending = pending.filter((_, i) => !stored.has(i));
        continue;
      }
      // Another transaction holds one of these rollups: try again a little later.
      await pause(Math.random() * 10 * attempt);
    }
  }
  throw new Error(
    `Gave up writing ${pending.length} point(s) of ${sensorId}/${property} after ${MAX_ATTEMPTS} attempts`,
  );
};

/**
 * min and max only ever move one way, and setting one twice changes nothing: they need no
 * transaction with the points. Each is set on condition it improves the stored one, for every point
 * of the delivery (new or not, so a crash between the transaction and this step is repaired by the
 * redelivery). An eventually consistent read skips the updates that cannot improve anything: a stale
 * min is never lower than the current one, so a skip it suggests is always right.
 */
const tightenExtremes = async (rollups: readonly { key: Item; values: readonly number[] }[]): Promise<void> => {
  const stored = new Map((await batchGetAll(rollups.map((r) => r.key))).map((item) => [`${item.pk}|${item.sk}`, item]));
  const updates = rollups.flatMap(({ key, values }) => {
    const current = stored.get(`${key.pk}|${key.sk}`);
    const [min, max] = [Math.min(...values), Math.max(...values)];
    return [
      ...(current === undefined || min < (current.min as number)
        ? [{ key, name: 'min', value: min, better: '>' }]
        : []),
      ...(current === undefined || max > (current.max as number)
        ? [{ key, name: 'max', value: max, better: '<' }]
        : []),
    ];
  });
  for (const { key, name, value, better } of updates) {
    for (let attempt = 1; ; attempt++) {
      try {
        await dynamo.send(
          new UpdateCommand({
            TableName: TABLE_NAME,
            Key: key,
            UpdateExpression: 'SET #extreme = :value',
            ConditionExpression: `attribute_exists(pk) AND #extreme ${better} :value`,
            ExpressionAttributeNames: { '#extreme': name },
            ExpressionAttributeValues: { ':value': value },
          }),
        );
        break;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) break; // already as good
        // The rollup is in another writer's transaction at this instant.
        if (!(error instanceof TransactionConflictException) || attempt === MAX_ATTEMPTS) throw error;
        await pause(Math.random() * 10 * attempt);
      }
    }
  }
};

// ----- range reads over time buckets -----

interface BucketCursor {
  readonly b: string;
  readonly s: string;
}

const encodeBucketCursor = (cursor: BucketCursor | undefined) =>
  cursor ? Buffer.from(JSON.stringify(cursor)).toString('base64url') : undefined;

/** A cursor is accepted only for the buckets and property of the query it came from. */
const decodeBucketCursor = (text: string | undefined, buckets: readonly string[], property: string) => {
  if (!text) return undefined;
  try {
    const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as BucketCursor;
    if (
      typeof cursor.b === 'string' &&
      buckets.includes(cursor.b) &&
      typeof cursor.s === 'string' &&
      cursor.s.startsWith(`${property}#`)
    )
      return cursor;
  } catch {
    // falls through
  }
  throw new InvalidCursorError();
};

/** Bucket labels (days, months or years) from `from` to `to`, by the bucket function given. */
export const bucketsBetween = (
  from: string,
  to: string,
  bucketOf: (iso: string) => string,
  stepMs: number,
): string[] => {
  const buckets = new Set<string>();
  for (let t = Date.parse(from); t <= Date.parse(to); t += stepMs) buckets.add(bucketOf(new Date(t).toISOString()));
  buckets.add(bucketOf(new Date(Date.parse(to)).toISOString()));
  return [...buckets].sort();
};

const readBuckets = async (
  buckets: readonly string[],
  pkOf: (bucket: string) => string,
  property: string,
  range: { from: string; to: string },
  query: SeriesQuery,
): Promise<SeriesPage<Item>> => {
  const ordered = query.descending ? [...buckets].reverse() : [...buckets];
  const cursor = decodeBucketCursor(query.cursor, buckets, property);
  const items: Item[] = [];
  for (const bucket of cursor ? ordered.slice(ordered.indexOf(cursor.b)) : ordered) {
    let start: Item | undefined = cursor?.b === bucket ? { pk: pkOf(bucket), sk: cursor.s } : undefined;
    do {
      const page = await dynamo.send(
        new QueryCommand({
          TableName: TABLE_NAME,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': pkOf(bucket),
            ':from': `${property}#${range.from}`,
            ':to': `${property}#${range.to}`,
          },
          ScanIndexForward: !query.descending,
          Limit: query.limit - items.length,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(page.Items ?? []).map((item) => ({ ...item, bucket })));
      start = page.LastEvaluatedKey;
      if (items.length >= query.limit) {
        const last = items.at(-1)!;
        return { items, cursor: encodeBucketCursor({ b: bucket, s: last.sk as string }) };
      }
    } while (start);
  }
  return { items };
};

const propertyKey = (sk: unknown) => (sk as string).slice((sk as string).indexOf('#') + 1);

export const dynamoObservationStore: ObservationStore = {
  async writeDay(siren, sensorId, property, rolledUp, points) {
    const unique = [...new Map(points.map((p) => [p.observedAt, p])).values()].sort((a, b) =>
      a.observedAt < b.observedAt ? -1 : 1,
    );
    let written = 0;
    for (const chunk of chunksOf(unique, rolledUp))
      written += await writeChunk(siren, sensorId, property, rolledUp, chunk);
    if (rolledUp && unique.length > 0) await tightenExtremes(rollupsOf(siren, sensorId, property, unique));
    return written;
  },

  async advanceLatest(siren, sensorId, property, entry) {
    try {
      const { Attributes } = await dynamo.send(
        new UpdateCommand({
          TableName: TABLE_NAME,
          Key: { pk: sensorPk(siren, sensorId), sk: LATEST_SK },
          UpdateExpression: 'SET #values.#property = :entry',
          ConditionExpression:
            'attribute_exists(pk) AND (attribute_not_exists(#values.#property) OR #values.#property.observedAt < :at)',
          ExpressionAttributeNames: { '#values': 'values', '#property': property },
          ExpressionAttributeValues: { ':entry': entry, ':at': entry.observedAt },
          ReturnValues: 'UPDATED_OLD',
        }),
      );
      const previous = (Attributes?.values as Record<string, LatestEntry> | undefined)?.[property];
      return { advanced: true, ...(previous ? { previous } : {}) };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return { advanced: false };
      throw error;
    }
  },

  async getLatest(siren, sensorIds) {
    const items = await batchGetAll([...new Set(sensorIds)].map((id) => ({ pk: sensorPk(siren, id), sk: LATEST_SK })));
    return new Map(
      items.map((item) => [(item.pk as string).slice(sensorPk(siren, '').length), (item.values ?? {}) as LatestValues]),
    );
  },

  async points(siren, sensorId, property, query) {
    const days = bucketsBetween(query.from, query.to, dayOf, 86_400_000);
    const page = await readBuckets(days, (day) => pointsPk(siren, sensorId, day), property, query, query);
    return {
      items: page.items.map((item) => ({
        value: item.value as LatestEntry['value'],
        observedAt: propertyKey(item.sk),
      })),
      ...(page.cursor ? { cursor: page.cursor } : {}),
    };
  },

  async rollups(siren, sensorId, property, resolution, query) {
    const [bucketOf, pkOf, periodOf] =
      resolution === 'hour'
        ? [monthOf, (month: string) => hoursPk(siren, sensorId, month), hourOf]
        : [yearOf, (year: string) => daysPk(siren, sensorId, year), dayOf];
    const buckets = bucketsBetween(query.from, query.to, bucketOf, 28 * 86_400_000);
    const page = await readBuckets(
      buckets,
      pkOf,
      property,
      { from: periodOf(query.from), to: periodOf(query.to) },
      query,
    );
    return {
      items: page.items.map((item) => ({ bucket: propertyKey(item.sk), rollup: rollupOf(item) })),
      ...(page.cursor ? { cursor: page.cursor } : {}),
    };
  },
};

/**
 * Bulk load of a sensor's history known to be new (demo data at first start): points, their
 * rollups and the latest values with BatchWriteItem, 25 items a request. No conditions: not
 * idempotent, not for a series that may already hold data or has another writer.
 */
export const loadHistory = async (
  siren: string,
  sensor: Pick<Sensor, 'id' | 'type'>,
  readings: readonly AcceptedObservation[],
): Promise<void> => {
  const items = readings.map((reading) => pointItem(siren, sensor.id, reading));
  const latest: Record<string, LatestEntry> = {};
  for (const series of groupBy(readings, (r) => r.property).values()) {
    const property = series[0]!.property;
    const newest = series.reduce((a, b) => (b.observedAt > a.observedAt ? b : a));
    latest[property] = { value: newest.value, observedAt: newest.observedAt };
    if (!isRolledUp(sensor, property)) continue;
    for (const day of groupBy(series, (r) => dayOf(r.observedAt)).values())
      for (const { key, values } of rollupsOf(siren, sensor.id, property, day))
        items.push({ ...key, ...storedRollup(mergeRollup(undefined, values)) });
  }
  items.push({ pk: sensorPk(siren, sensor.id), sk: LATEST_SK, values: latest });
  for (let start = 0; start < items.length; start += 25) {
    let requests = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
    while (requests.length > 0) {
      const result: BatchWriteCommandOutput = await dynamo.send(
        new BatchWriteCommand({ RequestItems: { [TABLE_NAME]: requests } }),
      );
      requests = (result.UnprocessedItems?.[TABLE_NAME] ?? []) as typeof requests;
    }
  }
};
