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
 * meet as a TransactionConflict, retried after the kernel's backoff (runtime/dynamo.ts).
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
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  NumberValue,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type BatchWriteCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { InvalidCursorError } from '../kernel/errors';
import type { Page } from '../kernel/schemas';
import {
  ABSENT,
  backoff,
  decodeCursor,
  encodeCursor,
  type CursorScope,
  batchGetAll,
  dynamo,
  isBusy,
  MAX_WRITE_ATTEMPTS,
  parseItem,
  putItem,
  retryWhileBusy,
  StoreBusyError,
  TABLE_NAME,
  TTL_ATTRIBUTE,
  type Item,
  type TransactItem,
} from '../runtime/dynamo';
import { addExact } from './exact-sum';
import { daysPk, hoursPk, LATEST_SK, pointsPk, sensorPk } from './sensor-keys';
import { UnwritablePointError, type ObservationStore, type SeriesQuery } from './sensors-ports';
import {
  dayOf,
  groupBy,
  hourOf,
  isRolledUp,
  LatestValues,
  mergeRollup,
  monthOf,
  ObservedValue,
  Rollup,
  yearOf,
  type AcceptedObservation,
  type LatestEntry,
  type Sensor,
} from './sensors';

export const RAW_RETENTION_DAYS = 400;
const TRANSACTION_LIMIT = 100;

const pointItem = (siren: string, sensorId: string, point: AcceptedObservation): Item => ({
  pk: pointsPk(siren, sensorId, dayOf(point.observedAt)),
  sk: `${point.property}#${point.observedAt}`,
  value: point.value,
  [TTL_ATTRIBUTE]: Math.floor(Date.parse(point.observedAt) / 1000) + RAW_RETENTION_DAYS * 86_400,
});

/** Items as stored: a point (its time is in its key), a rollup, a sensor's latest values. */
const StoredPoint = z.object({ sk: z.string(), value: ObservedValue });
const StoredRollup = Rollup.extend({ pk: z.string(), sk: z.string() });
const StoredLatest = z.object({ pk: z.string(), values: LatestValues.optional() });

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

/** A rollup as stored: the sum a DynamoDB number, exact. */
const storedRollup = (rollup: Rollup) => ({ ...rollup, sum: NumberValue.from(rollup.sum) });

/** The numeric values of points (those of a rolled-up property are all numbers). */
const valuesOf = (points: readonly AcceptedObservation[]) =>
  points.flatMap((p) => (typeof p.value === 'number' ? [p.value] : []));

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

/** The indexes of the points (the first `count` items) a cancelled transaction found already stored. */
const storedPoints = (error: unknown, count: number): Set<number> => {
  if (!(error instanceof TransactionCanceledException)) return new Set();
  const reasons = error.CancellationReasons ?? [];
  return new Set(reasons.slice(0, count).flatMap((reason, i) => (reason.Code === 'ConditionalCheckFailed' ? [i] : [])));
};

/**
 * Writes one chunk: its new points and count + sum of the rollups they change, in one transaction.
 * Points already stored cancel it: they are dropped (their share of count and sum is already
 * there) and the rest written at once; a transaction that met another on a rollup is tried again
 * after a backoff. Returns the number of points that were new.
 */
const writeChunk = async (
  siren: string,
  sensorId: string,
  property: string,
  rolledUp: boolean,
  chunk: readonly AcceptedObservation[],
): Promise<number> => {
  let pending = [...chunk];
  let attempt = 1;
  while (pending.length > 0) {
    const items = pending.map((point) => putItem(pointItem(siren, sensorId, point), ABSENT));
    if (rolledUp)
      for (const { key, values } of rollupsOf(siren, sensorId, property, pending)) items.push(rollupAdd(key, values));
    try {
      await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
      return pending.length;
    } catch (error) {
      const stored = storedPoints(error, pending.length);
      if (stored.size > 0) {
        // Delivered before: those points, and their share of count and sum, are already there.
        pending = pending.filter((_, i) => !stored.has(i));
        continue;
      }
      if (!isBusy(error)) throw error;
      if (attempt >= MAX_WRITE_ATTEMPTS) throw new StoreBusyError();
      await backoff(attempt++);
    }
  }
  return 0;
};

/**
 * min and max only ever move one way, and setting one twice changes nothing: they need no
 * transaction with the points. Each is set on condition it improves the stored one, for every point
 * of the delivery (new or not, so a crash between the transaction and this step is repaired by the
 * redelivery). An eventually consistent read skips the updates that cannot improve anything: a stale
 * min is never lower than the current one, so a skip it suggests is always right.
 */
const tightenExtremes = async (rollups: readonly { key: Item; values: readonly number[] }[]): Promise<void> => {
  const stored = new Map(
    (await batchGetAll(rollups.map((r) => r.key)))
      .map((item) => parseItem(StoredRollup, item))
      .map((rollup) => [`${rollup.pk}|${rollup.sk}`, rollup]),
  );
  const updates = rollups.flatMap(({ key, values }) => {
    const current = stored.get(`${String(key.pk)}|${String(key.sk)}`);
    const [min, max] = [Math.min(...values), Math.max(...values)];
    return [
      ...(current === undefined || min < current.min ? [{ key, name: 'min', value: min, better: '>' }] : []),
      ...(current === undefined || max > current.max ? [{ key, name: 'max', value: max, better: '<' }] : []),
    ];
  });
  for (const { key, name, value, better } of updates) {
    // The rollup may be in another writer's transaction at this instant: tried again while busy.
    await retryWhileBusy(async () => {
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
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error; // else already as good
      }
    });
  }
};

// ----- range reads over time buckets -----

/** Where a page of a range read ended: the bucket, and the last sort key read in it. */
const BucketCursor = z.object({ b: z.string(), s: z.string() });
type BucketCursor = z.output<typeof BucketCursor>;

/**
 * A cursor opens only for the series (sensor and resolution) and property it came from; its bucket
 * must still be one of the query's (the default range moves with the clock between pages).
 */
const bucketScope = (pkOf: (bucket: string) => string, property: string) => ({
  list: 'observation-buckets',
  series: pkOf(''),
  property,
});

const decodeBucketCursor = async (
  scope: CursorScope,
  text: string | undefined,
  buckets: readonly string[],
  property: string,
) => {
  if (!text) return undefined;
  const cursor = BucketCursor.safeParse(await decodeCursor(scope, text));
  if (!cursor.success || !buckets.includes(cursor.data.b) || !cursor.data.s.startsWith(`${property}#`))
    throw new InvalidCursorError();
  return cursor.data;
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

/** A page of a property's items over time buckets (one partition each), walked in order. */
const readBuckets = async <S extends z.ZodType<{ sk: string }>>(
  schema: S,
  buckets: readonly string[],
  pkOf: (bucket: string) => string,
  property: string,
  range: { from: string; to: string },
  query: SeriesQuery,
): Promise<Page<z.output<S>>> => {
  const ordered = query.descending ? [...buckets].reverse() : [...buckets];
  const scope = bucketScope(pkOf, property);
  const cursor = await decodeBucketCursor(scope, query.cursor, buckets, property);
  const items: z.output<S>[] = [];
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
      items.push(...(page.Items ?? []).map((item) => parseItem(schema, item)));
      start = page.LastEvaluatedKey;
      if (items.length >= query.limit)
        return { items, cursor: (await encodeCursor(scope, { b: bucket, s: items.at(-1)!.sk }))! };
    } while (start);
  }
  return { items };
};

/** What follows the property in a sort key: the instant of a point, the hour or day of a rollup. */
const afterProperty = (sk: string) => sk.slice(sk.indexOf('#') + 1);

/** Writes one sensor, property and day: each point once, with its rollups (see writeChunk). */
const writeDayOf = async (
  siren: string,
  sensorId: string,
  property: string,
  rolledUp: boolean,
  points: readonly AcceptedObservation[],
): Promise<number> => {
  const unique = [...new Map(points.map((p) => [p.observedAt, p])).values()].sort((a, b) =>
    a.observedAt < b.observedAt ? -1 : 1,
  );
  let written = 0;
  for (const chunk of chunksOf(unique, rolledUp))
    written += await writeChunk(siren, sensorId, property, rolledUp, chunk);
  if (rolledUp && unique.length > 0) await tightenExtremes(rollupsOf(siren, sensorId, property, unique));
  return written;
};

export const dynamoObservationStore: ObservationStore = {
  async writeDay(siren, sensorId, property, rolledUp, points) {
    try {
      return await writeDayOf(siren, sensorId, property, rolledUp, points);
    } catch (error) {
      // DynamoDB refused what it was given (a number out of its range…): no retry can help.
      if (error instanceof Error && error.name === 'ValidationException') throw new UnwritablePointError(error.message);
      throw error;
    }
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
      const previous = Attributes
        ? parseItem(StoredLatest.pick({ values: true }), Attributes).values?.[property]
        : undefined;
      return { advanced: true, ...(previous ? { previous } : {}) };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return { advanced: false };
      throw error;
    }
  },

  async getLatest(siren, sensorIds) {
    const items = await batchGetAll([...new Set(sensorIds)].map((id) => ({ pk: sensorPk(siren, id), sk: LATEST_SK })));
    return new Map(
      items
        .map((item) => parseItem(StoredLatest, item))
        .map((latest) => [latest.pk.slice(sensorPk(siren, '').length), latest.values ?? {}]),
    );
  },

  async points(siren, sensorId, property, query) {
    const days = bucketsBetween(query.from, query.to, dayOf, 86_400_000);
    const pkOf = (day: string) => pointsPk(siren, sensorId, day);
    const page = await readBuckets(StoredPoint, days, pkOf, property, query, query);
    return {
      items: page.items.map((point) => ({ value: point.value, observedAt: afterProperty(point.sk) })),
      ...(page.cursor ? { cursor: page.cursor } : {}),
    };
  },

  async rollups(siren, sensorId, property, resolution, query) {
    const [bucketOf, pkOf, periodOf] =
      resolution === 'hour'
        ? [monthOf, (month: string) => hoursPk(siren, sensorId, month), hourOf]
        : [yearOf, (year: string) => daysPk(siren, sensorId, year), dayOf];
    const buckets = bucketsBetween(query.from, query.to, bucketOf, 28 * 86_400_000);
    const periods = { from: periodOf(query.from), to: periodOf(query.to) };
    const page = await readBuckets(StoredRollup, buckets, pkOf, property, periods, query);
    return {
      items: page.items.map(({ pk: _pk, sk, ...rollup }) => ({ bucket: afterProperty(sk), rollup })),
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
    for (let attempt = 1; requests.length > 0; attempt++) {
      if (attempt > 1) await backoff(attempt);
      const result: BatchWriteCommandOutput = await dynamo.send(
        new BatchWriteCommand({ RequestItems: { [TABLE_NAME]: requests } }),
      );
      requests = (result.UnprocessedItems?.[TABLE_NAME] ?? []) as typeof requests;
    }
  }
};
