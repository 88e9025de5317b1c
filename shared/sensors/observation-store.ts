/**
 * DynamoDB adapter of observations: raw points, hourly and daily rollups materialized from them
 * (continuous aggregates with invalidation), dirty marks, latest values.
 *
 * Access patterns
 * - which points of a batch are stored Query pk=…#SENSOR#<id>#POINTS#<day>, sk BETWEEN <property>#<first> AND
 *                                      <property>#<last>, keys only (strong); BatchGet for small groups and the rest
 * - store the new points               BatchWriteItem, 25 a request, several in flight
 * - mark the hours they touch dirty    BatchWriteItem pk=…#SENSOR#<id>#DIRTY, sk=<property>#<hour>, version
 * - a property's points in a range     Query per day partition, sk BETWEEN <property>#<from> AND <property>#<to>
 * - hourly rollups in a range          Query pk=…#SENSOR#<id>#HOURS#<month>, sk=<property>#<yyyy-mm-ddThh>
 * - daily rollups in a range           Query pk=…#SENSOR#<id>#DAYS#<year>,  sk=<property>#<yyyy-mm-dd>
 * - dirty hours and days in a range    Query pk=…#SENSOR#<id>#DIRTY, sk BETWEEN <property>#<day> AND <property>#<day>~ (strong)
 * - latest values of some sensors      BatchGet pk=TERRITORY#<siren>#SENSOR#<id>, sk=LATEST (a map per property)
 * - advance them                       TransactWriteItems, one conditional update per sensor (≤ 100)
 * Range reads walk the time buckets in order; the cursor names the bucket and the last key read.
 *
 * A point's key is its identity (sensor, property, instant): a redelivered point is the same item.
 * The writer reads which points of a batch are already stored (strongly consistent) and writes only
 * the others: the first value stored for an instant is kept, a later different one is ignored (two
 * deliveries racing with different values for one instant keep one of them; the rollups follow
 * whichever the points hold). Then it marks dirty, under a fresh version, every hour its points
 * touch (new or not: a redelivery after a crash between points and marks marks them again), and
 * sends those hours to the materializer.
 *
 * The materializer recomputes an hour from its points only if its mark still holds the version it
 * was sent, in ONE transaction: the hour's rollup, the mark deleted on condition its version did not
 * move, and its day marked dirty. A write landing meanwhile moved the version: the transaction fails
 * and that write's own message recomputes the hour later, so a point is never left out of a clean
 * hour. A day is recomputed from its hours once none of them is dirty, in a transaction deleting its
 * mark on the same condition. Invariant: an hour or day without a mark (and without a writer
 * between its points and its marks) holds exactly what lies beneath it.
 * Reads: a rollup read first Queries the sensor's marks over the range (strongly consistent, most
 * often empty); a dirty hour is computed from its points, a dirty day from its hours (dirty ones
 * from their points): every read is exact whether the materializer has run or not.
 *
 * Cost per observation (items under 1 KB: 1 WCU a write, 2 in a transaction; a strongly consistent
 * read is 1 RCU per 4 KB, rounded up per item in a BatchGet):
 * - the point: 1 WCU, and its share of the read that keeps a redelivery from writing it again:
 *   one Query per sensor, property and day of a delivery (≈ 1 RCU when the range is new; ≈ 0.02 a
 *   point in a dense delivery), never more than ≈ 1.1 RCU a point (was a BatchGet: 1 RCU a point);
 * - its hour's mark: 1 WCU per sensor, property and hour a delivery touches (dense: 1/n of n points);
 * - the latest values: 1 RCU and 2 WCU (a transaction) per sensor a delivery touches, all its
 *   properties in one update (was 1 WCU per sensor and property, one request each);
 * - materialization, once per hour and quiet delay: a Query of the hour's points, 3 items in a
 *   transaction (6 WCU), then its day: a Query of its hours and 2 items (4 WCU): 10 WCU per sensor
 *   and hour, amortized over the hour's points.
 * No GSI write. Raw points expire after RAW_RETENTION_DAYS (TTL); rollups stay.
 */
import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, NumberValue, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { InvalidCursorError } from '../kernel/errors';
import type { Page } from '../kernel/schemas';
import {
  backoff,
  batchGetAll,
  decodeCursor,
  deleteItem,
  dynamo,
  encodeCursor,
  failedConditions,
  isBusy,
  MAX_WRITE_ATTEMPTS,
  parseItem,
  putItem,
  queryAll,
  retryWhileBusy,
  StoreBusyError,
  TABLE_NAME,
  transact,
  TTL_ATTRIBUTE,
  type CursorScope,
  type Item,
  type TransactItem,
} from '../runtime/dynamo';
import { chunksOf, inParallel } from '../kernel/in-parallel';
import { daysPk, dirtyPk, hoursPk, LATEST_SK, pointsPk, sensorPk } from './sensor-keys';
import type { ObservationStore, RefusedPoint, SeriesQuery } from './sensors-ports';
import {
  combineRollups,
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
/** DynamoDB requests in flight at once while a batch is written or read. */
const CONCURRENCY = 8;

const pointKey = (siren: string, point: AcceptedObservation) => ({
  pk: pointsPk(siren, point.sensorId, dayOf(point.observedAt)),
  sk: `${point.property}#${point.observedAt}`,
});

const pointItem = (siren: string, point: AcceptedObservation): Item => ({
  ...pointKey(siren, point),
  value: point.value,
  [TTL_ATTRIBUTE]: Math.floor(Date.parse(point.observedAt) / 1000) + RAW_RETENTION_DAYS * 86_400,
});

/** Items as stored: a point (its time is in its key), a rollup, a dirty mark, a sensor's latest values. */
const StoredPoint = z.object({ sk: z.string(), value: ObservedValue });
const StoredRollup = Rollup.extend({ pk: z.string(), sk: z.string() });
const StoredMark = z.object({ sk: z.string(), version: z.string() });
const StoredLatest = z.object({ pk: z.string(), values: LatestValues.optional() });

/** A rollup as stored: the sum a DynamoDB number, exact. */
const storedRollup = (rollup: Rollup) => ({ ...rollup, sum: NumberValue.from(rollup.sum) });

/** What follows the property in a sort key: the instant of a point, the hour or day of a rollup or mark. */
const afterProperty = (sk: string) => sk.slice(sk.indexOf('#') + 1);

/** The rollup of points (those of a rolled-up property are numbers); undefined for none. */
const rollupOf = (points: readonly { value: ObservedValue }[]): Rollup | undefined => {
  const values = points.flatMap((p) => (typeof p.value === 'number' ? [p.value] : []));
  return values.length > 0 ? mergeRollup(undefined, values) : undefined;
};

// ----- writing points and marks -----

/** One BatchWriteItem of ≤ 25 puts; what DynamoDB leaves unprocessed is sent again after a backoff. */
const batchPut = async (items: readonly Item[]): Promise<void> => {
  let requests = items.map((Item) => ({ PutRequest: { Item } }));
  for (let attempt = 1; requests.length > 0; attempt++) {
    if (attempt > MAX_WRITE_ATTEMPTS) throw new StoreBusyError();
    if (attempt > 1) await backoff(attempt);
    const result = await dynamo.send(new BatchWriteCommand({ RequestItems: { [TABLE_NAME]: requests } }));
    requests = (result.UnprocessedItems?.[TABLE_NAME] ?? []) as typeof requests;
  }
};

/** DynamoDB refused what it was given (a number out of its range…): no retry can help. */
const isRefused = (error: unknown): error is Error => error instanceof Error && error.name === 'ValidationException';

/** Puts the items, 25 a request, several requests in flight. */
const putAll = (items: readonly Item[]) => inParallel(chunksOf(items, 25), CONCURRENCY, batchPut);

const markItem = (siren: string, sensorId: string, sk: string, version: string): Item => ({
  pk: dirtyPk(siren, sensorId),
  sk,
  version,
  // When it was marked: how long rollups wait is read from here (operations).
  at: new Date().toISOString(),
});

const onVersion = (version: string) => ({ expression: 'version = :version', values: { ':version': version } });

// ----- materializing rollups -----

/** A sensor's dirty marks for a property from one day to another (hours and days), sort key → version. */
const marksBetween = async (siren: string, sensorId: string, property: string, fromDay: string, toDay: string) => {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':pk': dirtyPk(siren, sensorId),
      ':from': `${property}#${fromDay}`,
      ':to': `${property}#${toDay}~`,
    },
    // Strongly consistent: a mark just written or just cleared is seen as it is.
    ConsistentRead: true,
  });
  return new Map(
    items.map((item) => parseItem(StoredMark, item)).map((mark) => [afterProperty(mark.sk), mark.version]),
  );
};

/** An hour's points. `consistent` when about to write the rollup they make. */
const pointsOfHour = async (siren: string, sensorId: string, property: string, hour: string, consistent: boolean) =>
  (
    await queryAll({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': pointsPk(siren, sensorId, dayOf(hour)),
        ':from': `${property}#${hour}`,
        ':to': `${property}#${hour}~`,
      },
      ConsistentRead: consistent,
    })
  ).map((item) => parseItem(StoredPoint, item));

/** A day's hourly rollups, by hour. `consistent` when about to write the day they make. */
const hoursOfDay = async (siren: string, sensorId: string, property: string, day: string, consistent: boolean) =>
  new Map(
    (
      await queryAll({
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': hoursPk(siren, sensorId, monthOf(day)),
          ':from': `${property}#${day}T`,
          ':to': `${property}#${day}T~`,
        },
        ConsistentRead: consistent,
      })
    )
      .map((item) => parseItem(StoredRollup, item))
      .map(({ pk: _pk, sk, ...rollup }) => [afterProperty(sk), rollup as Rollup]),
  );

/** Commits a recompute; false when the mark it is conditioned on moved (marked again, or done by another). */
const commitIfStillMarked = async (items: readonly TransactItem[]): Promise<boolean> => {
  try {
    await transact(items);
    return true;
  } catch (error) {
    if (failedConditions(error).length > 0) return false;
    throw error;
  }
};

/** The hour's rollup from its points, its mark cleared if still at `version`, its day marked dirty. */
const recomputeHour = (siren: string, sensorId: string, property: string, hour: string, version: string) =>
  retryWhileBusy(async () => {
    const rollup = rollupOf(await pointsOfHour(siren, sensorId, property, hour, true));
    const key = { pk: hoursPk(siren, sensorId, monthOf(hour)), sk: `${property}#${hour}` };
    return commitIfStillMarked([
      rollup ? putItem({ ...key, ...storedRollup(rollup) }) : deleteItem(key),
      deleteItem({ pk: dirtyPk(siren, sensorId), sk: `${property}#${hour}` }, onVersion(version)),
      putItem(markItem(siren, sensorId, `${property}#${dayOf(hour)}`, randomUUID())),
    ]);
  });

/** The day's rollup from its hours, its mark cleared if still at `version`. */
const recomputeDay = (siren: string, sensorId: string, property: string, day: string, version: string) =>
  retryWhileBusy(async () => {
    const rollup = combineRollups([...(await hoursOfDay(siren, sensorId, property, day, true)).values()]);
    const key = { pk: daysPk(siren, sensorId, yearOf(day)), sk: `${property}#${day}` };
    return commitIfStillMarked([
      rollup ? putItem({ ...key, ...storedRollup(rollup) }) : deleteItem(key),
      deleteItem({ pk: dirtyPk(siren, sensorId), sk: `${property}#${day}` }, onVersion(version)),
    ]);
  });

/**
 * One sensor, property and day: its hours named (with the versions they were sent with) that
 * still carry one of those versions, then the day if none of its hours is dirty any more.
 */
const materializeDay = async (
  siren: string,
  sensorId: string,
  property: string,
  day: string,
  sent: ReadonlyMap<string, ReadonlySet<string>>,
) => {
  const marks = await marksBetween(siren, sensorId, property, day, day);
  let [hours, skipped] = [0, 0];
  for (const [hour, versions] of sent) {
    const current = marks.get(hour);
    // No mark: done already. Another version: marked again since, its own message will come.
    if (
      current !== undefined &&
      versions.has(current) &&
      (await recomputeHour(siren, sensorId, property, hour, current))
    )
      hours++;
    else skipped++;
  }
  const now = hours > 0 ? await marksBetween(siren, sensorId, property, day, day) : marks;
  const dayVersion = now.get(day);
  const hoursDirty = [...now.keys()].some((period) => period.length > day.length);
  const days = dayVersion && !hoursDirty && (await recomputeDay(siren, sensorId, property, day, dayVersion)) ? 1 : 0;
  return { hours, days, skipped };
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

/**
 * The dirty periods of a rollup read: for hours, each dirty hour; for days, each day with a dirty
 * mark of its own or of one of its hours, with those hours.
 */
const dirtyPeriods = async (
  siren: string,
  sensorId: string,
  property: string,
  resolution: 'hour' | 'day',
  periods: { from: string; to: string },
): Promise<Map<string, string[]>> => {
  const marks = await marksBetween(siren, sensorId, property, dayOf(periods.from), dayOf(periods.to));
  const dirty = new Map<string, string[]>();
  for (const period of marks.keys()) {
    const isHour = period.length > 10;
    if (resolution === 'hour' && !isHour) continue;
    const bucket = resolution === 'hour' ? period : dayOf(period);
    if (bucket < periods.from || bucket > periods.to) continue;
    dirty.set(bucket, [...(dirty.get(bucket) ?? []), ...(isHour ? [period] : [])]);
  }
  return dirty;
};

/** A dirty period computed from what lies beneath: an hour from its points, a day from its hours. */
const computePeriod = async (
  siren: string,
  sensorId: string,
  property: string,
  period: string,
  dirtyHours: readonly string[],
): Promise<Rollup | undefined> => {
  if (period.length > 10) return rollupOf(await pointsOfHour(siren, sensorId, property, period, false));
  const [hours, fresh] = await Promise.all([
    hoursOfDay(siren, sensorId, property, period, false),
    Promise.all(dirtyHours.map((hour) => pointsOfHour(siren, sensorId, property, hour, false))),
  ]);
  for (const [i, hour] of dirtyHours.entries()) {
    const rollup = rollupOf(fresh[i]!);
    if (rollup) hours.set(hour, rollup);
    else hours.delete(hour);
  }
  return combineRollups([...hours.values()]);
};

type LatestAdvance = { readonly advanced: boolean; readonly previous?: LatestEntry };
type LatestCandidate = { readonly sensorId: string; readonly property: string; readonly entry: LatestEntry };

/**
 * One sensor's latest values set to the entries given, on condition that what was read is still
 * there (the item exists, each property still at the instant read, or still absent): a value
 * never replaces a newer one, and the one it replaced is known exactly.
 */
const latestUpdate = (
  siren: string,
  sensorId: string,
  advancing: readonly LatestCandidate[],
  seen: LatestValues,
): TransactItem => {
  const names: Record<string, string> = { '#values': 'values' };
  const values: Item = {};
  const sets: string[] = [];
  const conditions = ['attribute_exists(pk)'];
  for (const [j, { property, entry }] of advancing.entries()) {
    names[`#p${j}`] = property;
    values[`:e${j}`] = entry;
    sets.push(`#values.#p${j} = :e${j}`);
    const before = seen[property];
    if (before) {
      names['#at'] = 'observedAt';
      values[`:seen${j}`] = before.observedAt;
      conditions.push(`#values.#p${j}.#at = :seen${j}`);
    } else conditions.push(`attribute_not_exists(#values.#p${j})`);
  }
  return {
    Update: {
      TableName: TABLE_NAME,
      Key: { pk: sensorPk(siren, sensorId), sk: LATEST_SK },
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
};

/**
 * The latest values of many sensors advanced in two requests rather than one per sensor and
 * property: one strongly consistent BatchGet of their LATEST items says which entries are newer
 * (and what they replace), then one TransactWriteItems of one conditional update per sensor
 * (≤ 100 a transaction; a lone update is a plain UpdateItem). A sensor whose values moved since
 * the read (another writer) fails its condition: the transaction is cancelled whole and read
 * again, then retried. An entry that is not newer, or whose sensor is gone, does not advance.
 */
const advanceLatest = async (siren: string, entries: readonly LatestCandidate[]): Promise<LatestAdvance[]> => {
  const outcomes: LatestAdvance[] = entries.map(() => ({ advanced: false }));
  // The newest entry of a sensor and property stands for it (one update path each).
  const newest = new Map<string, number>();
  for (const [i, e] of entries.entries()) {
    const key = `${e.sensorId}|${e.property}`;
    const other = newest.get(key);
    if (other === undefined || entries[other]!.entry.observedAt < e.entry.observedAt) newest.set(key, i);
  }
  let pending = [...groupBy([...newest.values()], (i) => entries[i]!.sensorId).values()];
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > MAX_WRITE_ATTEMPTS) throw new StoreBusyError();
    if (attempt > 1) await backoff(attempt);
    const found = await batchGetAll(
      pending.map((group) => ({ pk: sensorPk(siren, entries[group[0]!]!.sensorId), sk: LATEST_SK })),
      true,
    );
    const stored = new Map(found.map((item) => parseItem(StoredLatest, item)).map((l) => [l.pk, l.values ?? {}]));
    const updates = pending.flatMap((group) => {
      const sensorId = entries[group[0]!]!.sensorId;
      const seen = stored.get(sensorPk(siren, sensorId));
      const advancing = group.filter((i) => {
        const before = seen?.[entries[i]!.property];
        return seen !== undefined && (!before || before.observedAt < entries[i]!.entry.observedAt);
      });
      return seen && advancing.length > 0 ? [{ group, sensorId, advancing, seen }] : [];
    });
    const again: number[][] = [];
    await inParallel(chunksOf(updates, 100), CONCURRENCY, async (chunk) => {
      const items = chunk.map((u) =>
        latestUpdate(
          siren,
          u.sensorId,
          u.advancing.map((i) => entries[i]!),
          u.seen,
        ),
      );
      try {
        if (items.length === 1) await dynamo.send(new UpdateCommand(items[0]!.Update!));
        else await transact(items);
      } catch (error) {
        const moved = error instanceof ConditionalCheckFailedException || failedConditions(error).length > 0;
        if (!moved && !isBusy(error)) throw error;
        again.push(...chunk.map((u) => u.group));
        return;
      }
      for (const u of chunk)
        for (const i of u.advancing) {
          const previous = u.seen[entries[i]!.property];
          outcomes[i] = { advanced: true, ...(previous ? { previous } : {}) };
        }
    });
    pending = again;
  }
  return outcomes;
};

/** Points of a property and day at least this many in a batch: read by one Query of their range. */
const RANGE_READ_FROM = 4;

/**
 * Which of these point keys are stored, read strongly consistent (every acknowledged write seen).
 * A batch's points of one sensor, property and day lie in one range of one partition, most often
 * past the end of what is stored: one Query of that range (keys only) costs one read unit for the
 * lot where a BatchGet costs one per key. The Query stops after twice as many items as the batch
 * has there (a sparse batch over a denser stored range), and the keys past where it stopped are
 * read by BatchGet: never more than ~1.1 read units a point. Small groups go to BatchGet at once.
 */
const storedKeys = async (keys: readonly { pk: string; sk: string }[]): Promise<Set<string>> => {
  const stored = new Set<string>();
  const byRange = groupBy(keys, (key) => `${key.pk}|${key.sk.slice(0, key.sk.indexOf('#'))}`);
  const single: { pk: string; sk: string }[] = [];
  const ranges: { pk: string; sks: string[] }[] = [];
  for (const group of byRange.values()) {
    if (group.length < RANGE_READ_FROM) single.push(...group);
    else ranges.push({ pk: group[0]!.pk, sks: group.map((key) => key.sk).sort() });
  }
  const readRange = async ({ pk, sks }: { pk: string; sks: string[] }) => {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': pk, ':from': sks[0], ':to': sks.at(-1) },
        ProjectionExpression: 'sk',
        Limit: 2 * sks.length,
        ConsistentRead: true,
      }),
    );
    for (const item of page.Items ?? []) stored.add(`${pk}|${String(item.sk)}`);
    // Stopped short of the range's end: the keys past the last one read are looked up one by one.
    const last = page.LastEvaluatedKey ? String(page.LastEvaluatedKey.sk) : undefined;
    return last === undefined ? [] : sks.filter((sk) => sk > last).map((sk) => ({ pk, sk }));
  };
  const rest = (await inParallel(ranges, CONCURRENCY, readRange)).flat();
  const found = await inParallel(chunksOf([...single, ...rest], 100), CONCURRENCY, (chunk) => batchGetAll(chunk, true));
  for (const item of found.flat()) stored.add(`${String(item.pk)}|${String(item.sk)}`);
  return stored;
};

export const dynamoObservationStore: ObservationStore = {
  async writePoints(siren, points) {
    // Within a delivery, the last reading of an instant stands for it.
    const unique = [...new Map(points.map((p) => [`${p.sensorId}|${p.property}|${p.observedAt}`, p])).values()];
    const keys = unique.map((point) => pointKey(siren, point));
    const stored = await storedKeys(keys);
    const fresh = unique.filter((_, i) => !stored.has(`${keys[i]!.pk}|${keys[i]!.sk}`));
    const refused: RefusedPoint[] = [];
    await inParallel(chunksOf(fresh, 25), CONCURRENCY, async (chunk) => {
      try {
        await batchPut(chunk.map((point) => pointItem(siren, point)));
      } catch (error) {
        if (!isRefused(error)) throw error;
        // The request was refused whole: point by point, to keep the others.
        for (const point of chunk) {
          try {
            await batchPut([pointItem(siren, point)]);
          } catch (pointError) {
            if (!isRefused(pointError)) throw pointError;
            refused.push({ point, reason: pointError.message });
          }
        }
      }
    });
    return { written: fresh.length - refused.length, refused };
  },

  async invalidate(siren, hours) {
    const version = randomUUID();
    const unique = new Map(hours.map((h) => [`${h.sensorId}|${h.property}#${h.hour}`, h]));
    await putAll([...unique.values()].map((h) => markItem(siren, h.sensorId, `${h.property}#${h.hour}`, version)));
    return version;
  },

  async materialize(siren, hours) {
    // sensor|property|day → hour → the versions it was sent with (several messages may name it).
    const days = new Map<string, Map<string, Set<string>>>();
    for (const { sensorId, property, hour, version } of hours) {
      const day = `${sensorId}|${property}|${dayOf(hour)}`;
      const sent = days.get(day) ?? days.set(day, new Map()).get(day)!;
      (sent.get(hour) ?? sent.set(hour, new Set()).get(hour)!).add(version);
    }
    const outcomes = await inParallel([...days], CONCURRENCY, ([key, sent]) => {
      const [sensorId, property, day] = key.split('|') as [string, string, string];
      return materializeDay(siren, sensorId, property, day, sent);
    });
    return outcomes.reduce(
      (a, b) => ({ hours: a.hours + b.hours, days: a.days + b.days, skipped: a.skipped + b.skipped }),
      {
        hours: 0,
        days: 0,
        skipped: 0,
      },
    );
  },

  advanceLatest,

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
    const [page, dirty] = await Promise.all([
      readBuckets(StoredRollup, buckets, pkOf, property, periods, query),
      dirtyPeriods(siren, sensorId, property, resolution, periods),
    ]);
    const stored = page.items.map(({ pk: _pk, sk, ...rollup }) => ({
      bucket: afterProperty(sk),
      rollup: rollup as Rollup,
    }));
    if (dirty.size === 0) return { items: stored, ...(page.cursor ? { cursor: page.cursor } : {}) };

    // Dirty periods this page covers (after the cursor, up to its last item when more follow) are
    // computed from what lies beneath, replacing or joining the stored ones.
    const scope = bucketScope(pkOf, property);
    const cursor = await decodeBucketCursor(scope, query.cursor, buckets, property);
    const after = cursor ? afterProperty(cursor.s) : undefined;
    const before = (a: string, b: string) => (query.descending ? a > b : a < b);
    const last = page.cursor ? stored.at(-1)?.bucket : undefined;
    const covered = [...dirty].filter(
      ([period]) => (after === undefined || before(after, period)) && (last === undefined || !before(last, period)),
    );
    const computed = await Promise.all(
      covered.map(([period, hours]) => computePeriod(siren, sensorId, property, period, hours)),
    );
    const byPeriod = new Map(stored.map((item) => [item.bucket, item.rollup]));
    for (const [i, [period]] of covered.entries()) {
      const rollup = computed[i];
      if (rollup) byPeriod.set(period, rollup);
      else byPeriod.delete(period);
    }
    const merged = [...byPeriod]
      .sort(([a], [b]) => (before(a, b) ? -1 : 1))
      .map(([bucket, rollup]) => ({ bucket, rollup }));
    const items = merged.slice(0, query.limit);
    const more = (page.cursor !== undefined || merged.length > query.limit) && items.length > 0;
    const end = items.at(-1)?.bucket;
    return {
      items,
      ...(more && end ? { cursor: (await encodeCursor(scope, { b: bucketOf(end), s: `${property}#${end}` }))! } : {}),
    };
  },
};

/**
 * Bulk load of a sensor's history known to be new (demo data at first start): points, their hour
 * and day rollups (computed here, so nothing is dirty) and the latest values, 100 items a
 * TransactWriteItems, two in flight. Transactions rather than BatchWriteItem because DynamoDB Local
 * on disk commits a transaction's items together and a batch's one by one (≈ 50 items/s against
 * several hundred); in AWS it would cost twice the WCU, but this is for local demo data only. No
 * conditions: not idempotent, not for a series that may already hold data or has another writer.
 */
export const loadHistory = async (
  siren: string,
  sensor: Pick<Sensor, 'id' | 'type'>,
  readings: readonly AcceptedObservation[],
): Promise<void> => {
  const items = readings.map((reading) => pointItem(siren, reading));
  const latest: Record<string, LatestEntry> = {};
  for (const series of groupBy(readings, (r) => r.property).values()) {
    const property = series[0]!.property;
    const newest = series.reduce((a, b) => (b.observedAt > a.observedAt ? b : a));
    latest[property] = { value: newest.value, observedAt: newest.observedAt };
    if (!isRolledUp(sensor, property)) continue;
    for (const [hour, inHour] of groupBy(series, (r) => hourOf(r.observedAt)))
      items.push({
        pk: hoursPk(siren, sensor.id, monthOf(hour)),
        sk: `${property}#${hour}`,
        ...storedRollup(rollupOf(inHour)!),
      });
    for (const [day, inDay] of groupBy(series, (r) => dayOf(r.observedAt)))
      items.push({
        pk: daysPk(siren, sensor.id, yearOf(day)),
        sk: `${property}#${day}`,
        ...storedRollup(rollupOf(inDay)!),
      });
  }
  items.push({ pk: sensorPk(siren, sensor.id), sk: LATEST_SK, values: latest });
  await inParallel(chunksOf(items, 100), 2, (chunk) =>
    retryWhileBusy(() => transact(chunk.map((item) => putItem(item)))),
  );
};
