/**
 * DynamoDB adapter of the reports context. Each report has its own partition under its territory,
 * pk = TERRITORY#<siren>#REPORT#<id>:
 *   REPORT                       the report (with the index keys below)
 *   HISTORY#<at>#<ulid>          one item per transition: public note, internal note, who
 *   FOLLOWER#<sub:…|email:…>     who is told of its changes (reporter, supporters, duplicates' reporters)
 *   SUPPORT#<sub>                one per supporting citizen (the count is supportCount on REPORT)
 *
 * Index keys on REPORT (T = TERRITORY#<siren>, B = BODY#<bodyId>, sort key C = <createdAt>#<id>):
 *   gsi1  T#B#REPORTS                               C   a body's reports
 *   gsi2  T#B#REPORTS#STATUS#<status>               C   … in one status
 *   gsi3  T#B#REPORTS#CATEGORY#<code>               C   … in one category
 *   gsi4  T#COMMUNE#<insee>#REPORTS                 C   a commune's reports, whoever handles them
 *   gsi5  T#REPORTS#MAP#<geohash5>                  C   the reports of a map cell
 *   gsi6  T#REPORTS#OPEN#<code>#<geohash6>          C   open reports of a category in a cell (sparse)
 *   gsi7  T#B#REPORTS#OPEN                <dueAt>#<id> a body's open reports with a due date (sparse)
 *   gsi8  T#REPORTS#MAP6#<geohash6>                 C   the reports of a fine map cell (a small box)
 * pk = TERRITORY#<siren>#REPORTS#CLOSED, sk = <closedAt>#<id>: reports closed (resolved, rejected,
 * duplicate), written with the closing transition: the retention job's work list (report-privacy-store.ts).
 * pk = TERRITORY#<siren>#BODY#<bodyId>#SLA-WATCH: the SLA engine's work list (see "SLA watch" below)
 *   sk = <dueAt>#<id>            one per report open, with a due date, not flagged overdue
 *   sk = #WATCHED                the body's marker: every report of the body has its item (backfilled)
 * pk = TERRITORY#<siren>#BODY#<bodyId>#COUNTS, sk = COUNTS: how many of the body's reports are in each
 * status (one number attribute per status) and `changes`, the number of writes that moved them;
 * `building` while the backfill counts the body (see "Counts per status" below).
 * Index keys on FOLLOWER items of a signed-in citizen (their subject known):
 *   gsi1  T#CITIZEN#<sub>#REPORTS                  <id>  the reports a citizen follows (ids are ULIDs: by filing time)
 *
 * Access patterns
 * - one report, its history, its followers      GetItem REPORT; Query sk begins_with HISTORY# / FOLLOWER#
 * - file a report                               Transact: Put REPORT (absent), HISTORY, FOLLOWER, outbox,
 *                                               Update COUNTS ADD +1 (if it exists), [Put SLA-WATCH]
 * - change it (agent, reporter)                 Transact: Update REPORT if version = read, Put HISTORY,
 *                                               [Put FOLLOWER# into the original, ConditionCheck it], outbox,
 *                                               [Update COUNTS of the body (bodies) whose counts it moves],
 *                                               [Delete the SLA-WATCH read, Put the one it has now]
 * - support it                                  Transact: Put SUPPORT (absent), Update REPORT ADD supportCount
 *                                               (if open), Put FOLLOWER, outbox — retried on TransactionConflict
 * - agent list: body [+ status | category | commune | overdue] [+ date range], newest or oldest first
 *     overdue=true   Query gsi7 sk < now          (open and past due; other filters as a FilterExpression)
 *     status         Query gsi2                   category         Query gsi3
 *     commune        Query gsi4 (filter on body)  none             Query gsi1
 *     date range     BETWEEN on the sort key (a FilterExpression on gsi7); remaining filters as FilterExpression
 * - public list by commune                      Query gsi4, newest first
 *     filing period, statuses, categories      BETWEEN on gsi4sk; status / category IN as a FilterExpression
 * - public map by box                           Query per covering cell, merged newest first, then kept in
 *                                               the box: gsi8 when ≤ 16 geohash-6 cells cover it, else gsi5
 *                                               (≤ 64 geohash-5 cells)
 * - nearby open reports of a category           Query gsi6 on the point's cell and its 8 neighbours
 * - a citizen's reports ("mes signalements")    Query gsi1 on their FOLLOWER items, newest first, then
 *                                               BatchGet of the page's REPORT items
 * - agent counts per status (the inbox)         GetItem COUNTS (consistent); absent or being built (a body
 *                                               not yet backfilled): Query gsi2 per status, Select COUNT,
 *                                               at most `cap` counted, "more than cap" beyond
 * - backfill a body's counts                    Put COUNTS (absent, building), GetItem it, Query gsi1
 *                                               (status only), Update COUNTS SET counts if changes = read
 * - the SLA engine: open reports past due       Query SLA-WATCH per body, sk < now (consistent), then
 *                                               BatchGet (consistent) of those REPORT items; a body without
 *                                               its marker (not backfilled): Query gsi7, sk < now, filter
 *                                               overdue = false, as before the watch items
 * - flag one overdue (and escalate once)        Transact: Update REPORT if open, not flagged, still due
 *                                               then in that body [and not escalated], Delete SLA-WATCH,
 *                                               [outbox]
 * - backfill a body's SLA watch                 Query gsi7 filter overdue = false; per report Transact: Put
 *                                               SLA-WATCH, ConditionCheck REPORT still so; then Put marker
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { commitWithEvents } from '../events/outbox';
import { committedOutcome, outcomeItem } from '../runtime/idempotency';
import { encodeGeohash } from '../geo/geohash';
import { ConflictError, InvalidCursorError } from '../kernel/errors';
import { newId } from '../kernel/ids';
import { inParallel } from '../kernel/in-parallel';
import type { Page } from '../kernel/schemas';
import {
  ABSENT,
  atVersion,
  batchGetAll,
  decodeCursor,
  deleteItem,
  dynamo,
  encodeCursor,
  failedConditions,
  INDEXES,
  parseItem,
  putItem,
  queryAll,
  queryPage,
  QueryFilter,
  retryWhileBusy,
  StoreBusyError,
  TABLE_NAME,
  transact,
  type Item,
  type PageQuery,
  type TransactItem,
} from '../runtime/dynamo';
import {
  AlreadySupportedError,
  followerKey,
  FollowerRecord,
  HistoryEntryRecord,
  isOpen,
  FINE_MAP_PRECISION,
  MAP_PRECISION,
  NEARBY_PRECISION,
  OPEN_STATUSES,
  REPORT_STATUSES,
  ReportRecord,
  type Follower,
  type HistoryEntry,
  type Report,
  type ReportStatus,
} from './report';
import type { BodyReportsQuery, ReportStore, StatusCount } from './report-ports';

const territoryKey = (siren: string) => `TERRITORY#${siren}`;
export const reportPk = (siren: string, id: string) => `${territoryKey(siren)}#REPORT#${id}`;
/** The work list of closed reports by closure time: their people are forgotten after the territory's delay. */
export const closedReportsPk = (siren: string) => `${territoryKey(siren)}#REPORTS#CLOSED`;
/** Statuses a report is closed in (resolved may still be reopened within 30 days). */
export const CLOSING_STATUSES: readonly ReportStatus[] = ['resolved', 'rejected', 'duplicate'];
const bodyPrefix = (siren: string, bodyId: string) => `${territoryKey(siren)}#BODY#${bodyId}#REPORTS`;
const communePk = (siren: string, insee: string) => `${territoryKey(siren)}#COMMUNE#${insee}#REPORTS`;
const mapPk = (siren: string, cell: string) => `${territoryKey(siren)}#REPORTS#MAP#${cell}`;
const fineMapPk = (siren: string, cell: string) => `${territoryKey(siren)}#REPORTS#MAP6#${cell}`;
/** The fine map index keys of a report (gsi8), from what never changes: where and when it was filed. */
const fineMapKeys = (r: Pick<Report, 'territory' | 'location' | 'createdAt' | 'id'>) => ({
  gsi8pk: fineMapPk(r.territory, encodeGeohash(r.location.lat, r.location.lon, FINE_MAP_PRECISION)),
  gsi8sk: `${r.createdAt}#${r.id}`,
});
const openPk = (siren: string, category: string, cell: string) =>
  `${territoryKey(siren)}#REPORTS#OPEN#${category}#${cell}`;
const duePk = (siren: string, bodyId: string) => `${bodyPrefix(siren, bodyId)}#OPEN`;
const citizenPk = (siren: string, sub: string) => `${territoryKey(siren)}#CITIZEN#${sub}#REPORTS`;

/** The index attributes of a report as it is now; those it must not carry are listed to be removed. */
const indexKeys = (r: Report): { set: Item; remove: string[] } => {
  const created = `${r.createdAt}#${r.id}`;
  const body = bodyPrefix(r.territory, r.bodyId);
  const set: Item = {
    gsi1pk: body,
    gsi1sk: created,
    gsi2pk: `${body}#STATUS#${r.status}`,
    gsi2sk: created,
    gsi3pk: `${body}#CATEGORY#${r.category}`,
    gsi3sk: created,
    gsi4pk: communePk(r.territory, r.commune),
    gsi4sk: created,
    gsi5pk: mapPk(r.territory, encodeGeohash(r.location.lat, r.location.lon, MAP_PRECISION)),
    gsi5sk: created,
    ...fineMapKeys(r),
  };
  const remove: string[] = [];
  if (isOpen(r.status)) {
    set.gsi6pk = openPk(r.territory, r.category, encodeGeohash(r.location.lat, r.location.lon, NEARBY_PRECISION));
    set.gsi6sk = created;
  } else remove.push('gsi6pk', 'gsi6sk');
  if (isOpen(r.status) && r.dueAt) {
    set.gsi7pk = duePk(r.territory, r.bodyId);
    set.gsi7sk = `${r.dueAt}#${r.id}`;
  } else remove.push('gsi7pk', 'gsi7sk');
  return { set, remove };
};

/** What a change may rewrite; the rest (what was filed, the support count) stays as written. */
const MUTABLE_FIELDS: readonly (keyof Report)[] = [
  'category',
  'bodyId',
  'bodyKind',
  'service',
  'status',
  'duplicateOf',
  'updatedAt',
  'acknowledgedAt',
  'resolvedAt',
  'closedAt',
  'dueAt',
  'overdue',
  'version',
];

const toReport = (item: Item): Report => parseItem(ReportRecord, item);

/** The REPORT item of a report, index keys included (exported for bulk loading: bench/open-data-export.ts). */
export const reportItem = (r: Report): Item => ({
  pk: reportPk(r.territory, r.id),
  sk: 'REPORT',
  ...r,
  ...indexKeys(r).set,
});

const historyItem = (r: Report, entry: HistoryEntry): Item => ({
  pk: reportPk(r.territory, r.id),
  sk: `HISTORY#${entry.at}#${newId()}`,
  ...entry,
});

/** A follower known by their subject is indexed under them (gsi1): their "mes signalements". */
const followerItem = (siren: string, reportId: string, follower: Follower): Item => ({
  pk: reportPk(siren, reportId),
  sk: `FOLLOWER#${followerKey(follower)}`,
  ...follower,
  ...(follower.sub ? { gsi1pk: citizenPk(siren, follower.sub), gsi1sk: reportId } : {}),
});

/** Transactions on a popular report meet others (supports): DynamoDB cancels one; it is tried again. */
const commit: typeof commitWithEvents = (items, events) => retryWhileBusy(() => commitWithEvents(items, events));

// ---------------------------------------------------------------------------------------------
// Counts per status: one small item per body, moved in the transaction of every write that files a
// report, changes its status or moves it to another body. It is therefore exactly the body's
// reports per status: a write whose condition fails (stale version, a retried filing) moves
// nothing, the transaction being all or nothing.
//
// A body whose reports predate the counts has no item until the backfill (`recountBody`) writes it:
// until then writes leave it absent (a ConditionCheck that it still is, so the backfill starting
// meanwhile sends them round again) and the inbox counts as before. The first report a body with no
// report receives (filed, or moved in) creates its item. A write first assumes the items exist (no
// read added); when one is not as planned, its failed condition sends it to look and plan again.

/** The key of a body's counts per status. */
export const countsKey = (siren: string, bodyId: string) => ({
  pk: `${territoryKey(siren)}#BODY#${bodyId}#COUNTS`,
  sk: 'COUNTS',
});

const Count = z.number().int().optional();
/** One number per status (REPORT_STATUSES); none while the backfill has not counted the body yet. */
const CountsRecord = z.object({
  changes: z.number().int(),
  /** Written by the backfill before it counts: not yet to be shown. */
  building: z.boolean().optional(),
  new: Count,
  acknowledged: Count,
  in_progress: Count,
  resolved: Count,
  rejected: Count,
  duplicate: Count,
});

type CountMoves = ReadonlyMap<string, Partial<Record<ReportStatus, number>>>;
/** present: ADD to it; legacy: absent in a body holding reports (keep it absent); empty: absent, create it. */
type CountsState = 'present' | 'legacy' | 'empty';

/** What a write moves in the counts, per body: -1 where the report was, +1 where it is now. */
export const countMoves = (
  before: Pick<Report, 'status' | 'bodyId'> | undefined,
  after: Pick<Report, 'status' | 'bodyId'>,
): CountMoves => {
  const moves = new Map<string, Partial<Record<ReportStatus, number>>>();
  if (before && before.status === after.status && before.bodyId === after.bodyId) return moves;
  const add = (bodyId: string, status: ReportStatus, by: number) =>
    moves.set(bodyId, { ...moves.get(bodyId), [status]: (moves.get(bodyId)?.[status] ?? 0) + by });
  if (before) add(before.bodyId, before.status, -1);
  add(after.bodyId, after.status, 1);
  return moves;
};

const countsWrite = (
  siren: string,
  bodyId: string,
  moves: Partial<Record<ReportStatus, number>>,
  state: CountsState,
): TransactItem => {
  const key = countsKey(siren, bodyId);
  if (state === 'legacy') {
    return { ConditionCheck: { TableName: TABLE_NAME, Key: key, ConditionExpression: 'attribute_not_exists(pk)' } };
  }
  if (state === 'empty') {
    const zero = Object.fromEntries(REPORT_STATUSES.map((status) => [status, 0]));
    return putItem({ ...key, territory: siren, bodyId, ...zero, ...moves, changes: 1 }, ABSENT);
  }
  const statuses = Object.keys(moves) as ReportStatus[];
  return {
    Update: {
      TableName: TABLE_NAME,
      Key: key,
      UpdateExpression: `ADD ${statuses.map((_, i) => `#s${i} :d${i}`).join(', ')}, changes :one`,
      // Absent, ADD would create it from this write alone: a wrong count shown as right.
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: Object.fromEntries(statuses.map((status, i) => [`#s${i}`, status])),
      ExpressionAttributeValues: {
        ...Object.fromEntries(statuses.map((status, i) => [`:d${i}`, moves[status]])),
        ':one': 1,
      },
    },
  };
};

/** Whether each body's counts exist, read consistently; when absent, whether the body holds reports. */
const countsStates = async (siren: string, moves: CountMoves): Promise<Map<string, CountsState>> => {
  const states = new Map<string, CountsState>();
  await Promise.all(
    [...moves].map(async ([bodyId, byStatus]) => {
      const { Item } = await dynamo.send(
        new GetCommand({ TableName: TABLE_NAME, Key: countsKey(siren, bodyId), ConsistentRead: true }),
      );
      if (Item) return states.set(bodyId, 'present');
      // A report leaving a body without counts predates them. Arriving: any report already there
      // does too (one filed or moved in since would have created the item), long in the index.
      const leaving = Object.values(byStatus).some((by) => by < 0);
      const holds =
        leaving ||
        ((
          await dynamo.send(
            new QueryCommand({
              TableName: TABLE_NAME,
              IndexName: INDEXES.gsi1,
              KeyConditionExpression: 'gsi1pk = :body',
              ExpressionAttributeValues: { ':body': bodyPrefix(siren, bodyId) },
              ProjectionExpression: 'pk',
              Limit: 1,
            }),
          )
        ).Count ?? 0) > 0;
      return states.set(bodyId, holds ? 'legacy' : 'empty');
    }),
  );
  return states;
};

/**
 * Commits a write with the counts it moves. Each body's item is first taken to exist; when the
 * condition of one fails (absent, or created meanwhile), the write is planned again on what is
 * there; a conflict of the write itself (its report's condition) is thrown as it is. Writes in one
 * body meet on its item (TransactionConflict): `commit` tries them again with backoff.
 */
const commitCounted = async (
  siren: string,
  moves: CountMoves,
  items: readonly TransactItem[],
  events: Parameters<typeof commitWithEvents>[1],
): Promise<void> => {
  let states = new Map<string, CountsState>([...moves.keys()].map((bodyId) => [bodyId, 'present']));
  // The counts items come right after the write's own: a condition failed among them is a counts
  // item not as planned; anywhere else, the write's own conflict.
  const countsFailed = (error: ConflictError) =>
    failedConditions(error.cause).some((i) => i >= items.length && i < items.length + moves.size);
  // A state only goes absent (legacy or empty) → present, or is found wrong by a race: a few rounds.
  for (let round = 1; ; round++) {
    try {
      const counted = [...moves].map(([bodyId, byStatus]) => countsWrite(siren, bodyId, byStatus, states.get(bodyId)!));
      return await commit([...items, ...counted], events);
    } catch (error) {
      if (!(error instanceof ConflictError) || error instanceof StoreBusyError || !countsFailed(error) || round >= 5) {
        throw error;
      }
      states = await countsStates(siren, moves);
    }
  }
};

// ---------------------------------------------------------------------------------------------
// SLA watch: the SLA engine's work list. A report open, with a due date and not flagged overdue has
// one small item in its body's SLA-WATCH partition, sorted by due date; the transaction of every
// write that files a report or changes its status, body, due date or flag puts, moves or removes
// it. So a run reads only what is due and not yet flagged: the flagged reports stay in gsi7 (the
// agents' overdue list) until closed, but no longer cost the engine anything.
//
// A body whose reports predate the watch items is read from gsi7 as before until the backfill
// (`watchBody`) has given each of them its item and written the body's marker (sk #WATCHED, which
// sorts before any instant: the run's Query sk < now returns it first, no read added). Writes
// keep the items whether the body is marked or not, so the marker only says the old ones are in.

/** What decides a report's watch item. */
type Watched = Pick<Report, 'territory' | 'id' | 'bodyId' | 'status' | 'dueAt' | 'overdue'>;
/** The partition of a body's SLA watch items and marker. */
export const watchPk = (siren: string, bodyId: string) => `${territoryKey(siren)}#BODY#${bodyId}#SLA-WATCH`;
/** The body's marker: its sort key sorts before any ISO instant. */
const WATCHED = '#WATCHED';

/** The key of the watch item the report has in this state, or undefined when it has none. */
const watchKey = (r: Watched): { pk: string; sk: string } | undefined =>
  isOpen(r.status) && r.dueAt !== undefined && !r.overdue
    ? { pk: watchPk(r.territory, r.bodyId), sk: `${r.dueAt}#${r.id}` }
    : undefined;

const WatchRecord = z.object({ reportId: z.string(), dueAt: z.string() });

/** The watch item at `key` of the report. */
const watchItem = (key: { pk: string; sk: string }, r: Watched): TransactItem =>
  putItem({ ...key, reportId: r.id, dueAt: r.dueAt });

/** The report is still as its watch item says: open, not flagged, due then, in that body. */
const stillWatched = (r: Pick<Report, 'dueAt' | 'bodyId'>) => ({
  expression: `${IS_OPEN} AND overdue = :false AND dueAt = :due AND bodyId = :body`,
  names: { '#status': 'status' },
  values: { ...OPEN_VALUES, ':false': false, ':due': r.dueAt ?? null, ':body': r.bodyId },
});

/**
 * The writes that leave the report's watch item as its new state wants it: the one of the state
 * read removed when it differs, the one of the new state put. Put even when unchanged: `before`
 * may be a read that missed the engine's flag (the flag keeps the version), and a write that
 * clears the flag again must leave the report watched (1 small item).
 */
const watchWrites = (before: Watched | undefined, after: Watched): TransactItem[] => {
  const was = before && watchKey(before);
  const is = watchKey(after);
  return [
    ...(was && !(is && is.sk === was.sk && is.pk === was.pk) ? [deleteItem(was)] : []),
    ...(is ? [watchItem(is, after)] : []),
  ];
};

/** Whether a report is still in the state a condition read it in: no write moved it since. */
const unchangedSince = (report: Report): TransactItem => ({
  ConditionCheck: {
    TableName: TABLE_NAME,
    Key: { pk: reportPk(report.territory, report.id), sk: 'REPORT' },
    ConditionExpression: 'version = :version AND overdue = :overdue',
    ExpressionAttributeValues: { ':version': report.version, ':overdue': report.overdue },
  },
});

/** A watch item that does not match its report as read (`report` undefined: no such report). */
type StaleWatch = { key: { pk: string; sk: string }; siren: string; reportId: string; report: Report | undefined };
/**
 * Removes watch items that no longer match their report (written around the store, or by a version
 * of the platform before the watch items): only if the report is still as read (its version and
 * flag), so that a write meanwhile — which keeps its own item — is not undone. A failed condition
 * leaves it for the next run.
 */
const dropStale = async (stale: readonly StaleWatch[]) => {
  for (const { key, siren, reportId, report } of stale) {
    try {
      await retryWhileBusy(() =>
        transact([
          deleteItem(key),
          report
            ? unchangedSince(report)
            : {
                ConditionCheck: {
                  TableName: TABLE_NAME,
                  Key: { pk: reportPk(siren, reportId), sk: 'REPORT' },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
        ]),
      );
    } catch (error) {
      if (failedConditions(error).length === 0) throw error;
    }
  }
};

/** The engine's read where the marker is absent: gsi7, the flagged reports read and left out. */
const pastDueFromIndex = async (siren: string, bodyId: string, now: string): Promise<Report[]> => {
  const items = await queryAll({
    IndexName: INDEXES.gsi7,
    KeyConditionExpression: 'gsi7pk = :due AND gsi7sk < :now',
    FilterExpression: 'overdue = :false',
    ExpressionAttributeValues: { ':due': duePk(siren, bodyId), ':now': now, ':false': false },
  });
  return items.map(toReport);
};

/** The items of a report's partition whose sort key begins with `prefix` (HISTORY#, FOLLOWER#, SUPPORT#). */
export const queryPrefix = (siren: string, id: string, prefix: string) =>
  queryAll(
    {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': reportPk(siren, id), ':prefix': prefix },
    },
    1000,
  );

/** The statuses of an open report, as a condition's values (`#status IN (:open0, :open1, :open2)`). */
const OPEN_VALUES = Object.fromEntries(OPEN_STATUSES.map((status, i) => [`:open${i}`, status]));
const IS_OPEN = `#status IN (${Object.keys(OPEN_VALUES).join(', ')})`;

/** One page of reports of an index partition, newest (or oldest) first by filing time. */
const reportPage = async (
  query: Omit<PageQuery, 'order'> & { readonly order: 'newest' | 'oldest' },
): Promise<Page<Report>> => {
  const { items, cursor } = await queryPage({
    ...query,
    order: query.order === 'oldest' ? 'ascending' : 'descending',
  });
  return { items: items.map(toReport), ...(cursor ? { cursor } : {}) };
};

/** The end of a day given as a date, or the instant given. */
const bound = (value: string | undefined, end: boolean) =>
  value === undefined
    ? undefined
    : /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? `${value}T${end ? '23:59:59.999' : '00:00:00.000'}Z`
      : value;

const listByBody = async (q: BodyReportsQuery): Promise<Page<Report>> => {
  const body = bodyPrefix(q.territory, q.bodyId);
  const from = bound(q.from, false);
  const to = bound(q.to, true);
  const created = { from, to: to === undefined ? undefined : `${to}#~` };
  const filter = new QueryFilter();
  const filterOn = (attribute: string, value: unknown) =>
    filter.add(`#${attribute} = :${attribute}`, { [`#${attribute}`]: attribute }, { [`:${attribute}`]: value });
  const page = { filter, order: q.order, limit: q.limit, cursor: q.cursor };

  if (q.overdue === true) {
    // Open and past due; the filing time becomes a filter on this index.
    if (q.status) filterOn('status', q.status);
    if (q.category) filterOn('category', q.category);
    if (q.commune) filterOn('commune', q.commune);
    if (from) filter.add('createdAt >= :createdFrom', {}, { ':createdFrom': from });
    if (to) filter.add('createdAt <= :createdTo', {}, { ':createdTo': to });
    return reportPage({
      ...page,
      index: INDEXES.gsi7,
      partition: duePk(q.territory, q.bodyId),
      sortKey: { to: q.now },
    });
  }
  if (q.overdue === false) {
    filter.add(`NOT (${IS_OPEN} AND dueAt < :now)`, { '#status': 'status' }, { ...OPEN_VALUES, ':now': q.now });
  }
  if (q.status) {
    if (q.category) filterOn('category', q.category);
    if (q.commune) filterOn('commune', q.commune);
    return reportPage({ ...page, index: INDEXES.gsi2, partition: `${body}#STATUS#${q.status}`, sortKey: created });
  }
  if (q.category) {
    if (q.commune) filterOn('commune', q.commune);
    return reportPage({ ...page, index: INDEXES.gsi3, partition: `${body}#CATEGORY#${q.category}`, sortKey: created });
  }
  if (q.commune) {
    filterOn('bodyId', q.bodyId);
    return reportPage({ ...page, index: INDEXES.gsi4, partition: communePk(q.territory, q.commune), sortKey: created });
  }
  return reportPage({ ...page, index: INDEXES.gsi1, partition: body, sortKey: created });
};

export const dynamoReportStore: ReportStore = {
  async get(siren, id) {
    const { Item } = await dynamo.send(
      new GetCommand({ TableName: TABLE_NAME, Key: { pk: reportPk(siren, id), sk: 'REPORT' } }),
    );
    return Item ? toReport(Item) : undefined;
  },

  async history(siren, id) {
    return (await queryPrefix(siren, id, 'HISTORY#')).map((item) => parseItem(HistoryEntryRecord, item));
  },

  async followers(siren, id) {
    return (await queryPrefix(siren, id, 'FOLLOWER#')).map((item) => parseItem(FollowerRecord, item));
  },

  async create(report, first, reporter, event) {
    // A retry of an idempotent request whose first attempt committed, then died before answering:
    // the report it created, not a second one (runtime/idempotency.ts).
    const earlier = committedOutcome()?.report;
    if (earlier) {
      const existing = await dynamoReportStore.get(report.territory, earlier);
      if (existing) return existing;
    }
    // Under an Idempotency-Key, the claim records this report in the same transaction.
    const recorded = outcomeItem({ report: report.id });
    await commitCounted(
      report.territory,
      countMoves(undefined, report),
      [
        putItem(reportItem(report), ABSENT),
        putItem(historyItem(report, first)),
        ...(reporter ? [putItem(followerItem(report.territory, report.id, reporter))] : []),
        ...(recorded ? [recorded] : []),
        ...watchWrites(undefined, report),
      ],
      [event],
    );
    return report;
  },

  async update(report, before, entry, event, extra) {
    const { set, remove } = indexKeys(report);
    const fields: Item = { ...set };
    for (const f of MUTABLE_FIELDS) {
      if (report[f] === undefined) remove.push(f);
      else fields[f] = report[f];
    }
    const names = Object.keys(fields);
    const read = atVersion(before.version);
    const original = extra?.followOriginal;
    // A transaction holds 100 items: followers beyond go in later, idempotent writes.
    const followers = original?.followers ?? [];
    const inTransaction = followers.slice(0, 90);
    await commitCounted(
      report.territory,
      countMoves(before, report),
      [
        {
          Update: {
            TableName: TABLE_NAME,
            Key: { pk: reportPk(report.territory, report.id), sk: 'REPORT' },
            UpdateExpression:
              `SET ${names.map((_, i) => `#f${i} = :v${i}`).join(', ')}` +
              (remove.length > 0 ? ` REMOVE ${remove.map((_, i) => `#r${i}`).join(', ')}` : ''),
            ConditionExpression: read.expression,
            ExpressionAttributeNames: {
              ...Object.fromEntries(names.map((n, i) => [`#f${i}`, n])),
              ...Object.fromEntries(remove.map((n, i) => [`#r${i}`, n])),
            },
            ExpressionAttributeValues: {
              ...Object.fromEntries(names.map((n, i) => [`:v${i}`, fields[n]])),
              ...read.values,
            },
          },
        },
        putItem(historyItem(report, entry)),
        ...(entry.from !== entry.to && CLOSING_STATUSES.includes(entry.to)
          ? [
              putItem({
                pk: closedReportsPk(report.territory),
                sk: `${entry.at}#${report.id}`,
                reportId: report.id,
                closedAt: entry.at,
              }),
            ]
          : []),
        ...(original
          ? [
              {
                ConditionCheck: {
                  TableName: TABLE_NAME,
                  Key: { pk: reportPk(report.territory, original.id), sk: 'REPORT' },
                  ConditionExpression: 'attribute_exists(pk) AND #status <> :duplicate',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':duplicate': 'duplicate' },
                },
              },
              ...inTransaction.map((f) => putItem(followerItem(report.territory, original.id, f))),
            ]
          : []),
        ...watchWrites({ ...before, territory: report.territory, id: report.id }, report),
      ],
      [event],
    );
    for (const f of followers.slice(90)) {
      await commit([putItem(followerItem(report.territory, original!.id, f))], []);
    }
  },

  async support(report, supporter, event) {
    const pk = reportPk(report.territory, report.id);
    const supportKey = { pk, sk: `SUPPORT#${supporter.sub}` };
    try {
      await commit(
        [
          putItem({ ...supportKey, sub: supporter.sub, at: supporter.since }, ABSENT),
          {
            Update: {
              TableName: TABLE_NAME,
              Key: { pk, sk: 'REPORT' },
              UpdateExpression: 'ADD supportCount :one',
              ConditionExpression: IS_OPEN,
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':one': 1, ...OPEN_VALUES },
            },
          },
          putItem(followerItem(report.territory, report.id, supporter)),
        ],
        [event],
      );
    } catch (error) {
      if (!(error instanceof ConflictError) || error instanceof StoreBusyError) throw error;
      const { Item } = await dynamo.send(
        new GetCommand({ TableName: TABLE_NAME, Key: supportKey, ConsistentRead: true }),
      );
      if (Item) throw new AlreadySupportedError(report.id);
      throw new ConflictError(`Report ${report.id} was closed meanwhile: it can no longer be supported`);
    }
    const { Item } = await dynamo.send(
      new GetCommand({ TableName: TABLE_NAME, Key: { pk, sk: 'REPORT' }, ProjectionExpression: 'supportCount' }),
    );
    return parseItem(ReportRecord.pick({ supportCount: true }).partial(), Item ?? {}).supportCount ?? 0;
  },

  listByBody,

  async countByStatus(siren, bodyId, cap) {
    // Consistent: an agent back on the inbox after moving a report sees it moved (1 RCU, ≤ 4 KB).
    const { Item } = await dynamo.send(
      new GetCommand({ TableName: TABLE_NAME, Key: countsKey(siren, bodyId), ConsistentRead: true }),
    );
    if (Item && Item.building !== true) {
      const counts = parseItem(CountsRecord, Item);
      return Object.fromEntries(
        REPORT_STATUSES.map((status) => [status, { count: counts[status] ?? 0, more: false }]),
      ) as Record<ReportStatus, StatusCount>;
    }
    // A body not yet backfilled: counted from the index, as before the counts existed.
    const body = bodyPrefix(siren, bodyId);
    const countOne = async (status: ReportStatus): Promise<StatusCount> => {
      let count = 0;
      let start: Item | undefined;
      // Counting reads the index entries: stopped at the cap, so a large body costs a bounded read.
      do {
        const page = await dynamo.send(
          new QueryCommand({
            TableName: TABLE_NAME,
            IndexName: INDEXES.gsi2,
            KeyConditionExpression: 'gsi2pk = :pk',
            ExpressionAttributeValues: { ':pk': `${body}#STATUS#${status}` },
            Select: 'COUNT',
            Limit: cap + 1 - count,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        count += page.Count ?? 0;
        start = page.LastEvaluatedKey;
      } while (start && count <= cap);
      return count > cap ? { count: cap, more: true } : { count, more: false };
    };
    const counts = await Promise.all(REPORT_STATUSES.map(countOne));
    return Object.fromEntries(REPORT_STATUSES.map((status, i) => [status, counts[i]!])) as Record<
      ReportStatus,
      StatusCount
    >;
  },

  async listByCommune(siren, insee, limit, cursor, { from, to, statuses, categories } = {}) {
    const filter = new QueryFilter();
    const isIn = (attribute: string, values: readonly string[] | undefined) => {
      if (!values || values.length === 0) return;
      const names = values.map((_, i) => `:${attribute}${i}`);
      filter.add(
        `#${attribute} IN (${names.join(', ')})`,
        { [`#${attribute}`]: attribute },
        Object.fromEntries(values.map((v, i) => [names[i], v])),
      );
    };
    isIn('status', statuses);
    isIn('category', categories);
    return reportPage({
      index: INDEXES.gsi4,
      partition: communePk(siren, insee),
      sortKey: { from, to: to === undefined ? undefined : `${to}#~` },
      filter,
      order: 'newest',
      limit,
      cursor,
    });
  },

  async listByCells({ territory, precision, cells, bbox, limit, cursor }) {
    // One cursor for all cells: the sort key of the last report given, bound to this box and index.
    const scope = { list: 'reports-map', territory, box: bbox.join(','), precision };
    const fine = precision === FINE_MAP_PRECISION;
    const [index, cellPk] = fine ? ([INDEXES.gsi8, fineMapPk] as const) : ([INDEXES.gsi5, mapPk] as const);
    const before = (await decodeCursor(scope, cursor))?.before;
    if (before !== undefined && typeof before !== 'string') throw new InvalidCursorError();
    const [west, south, east, north] = bbox;
    const results = await Promise.all(
      cells.map((cell) =>
        dynamo.send(
          new QueryCommand({
            TableName: TABLE_NAME,
            IndexName: index,
            KeyConditionExpression: `${index}pk = :cell${before ? ` AND ${index}sk < :before` : ''}`,
            FilterExpression: '#loc.lat BETWEEN :south AND :north AND #loc.lon BETWEEN :west AND :east',
            ExpressionAttributeNames: { '#loc': 'location' },
            ExpressionAttributeValues: {
              ':cell': cellPk(territory, cell),
              ...(before ? { ':before': before } : {}),
              ':south': south,
              ':north': north,
              ':west': west,
              ':east': east,
            },
            ScanIndexForward: false,
            Limit: limit,
          }),
        ),
      ),
    );
    // A cell that has more may hide reports newer than another cell's older ones: only what is
    // newer than every such cell's last evaluated report is complete.
    const sortKeyOf = (item: Item) => String(item[`${index}sk`]);
    const floor = results
      .flatMap((r) => (r.LastEvaluatedKey ? [sortKeyOf(r.LastEvaluatedKey)] : []))
      .sort()
      .at(-1);
    const candidates = results
      .flatMap((r) => r.Items ?? [])
      .filter((item) => floor === undefined || sortKeyOf(item) >= floor)
      .sort((a, b) => (sortKeyOf(a) < sortKeyOf(b) ? 1 : -1));
    const items = candidates.slice(0, limit);
    const next =
      items.length === limit && (candidates.length > limit || floor !== undefined) ? sortKeyOf(items.at(-1)!) : floor;
    const sealed = await encodeCursor(scope, next ? { before: next } : undefined);
    return { items: items.map(toReport), ...(sealed ? { cursor: sealed } : {}) };
  },

  async listPastDue(siren, bodyId, now) {
    // Consistent: a report filed or moved a moment ago is watched already.
    const [marker, ...watched] = await queryAll({
      KeyConditionExpression: 'pk = :watch AND sk < :now',
      ExpressionAttributeValues: { ':watch': watchPk(siren, bodyId), ':now': now },
      ConsistentRead: true,
    });
    if (marker?.sk !== WATCHED) return pastDueFromIndex(siren, bodyId, now);
    const entries = watched.map((item) => ({
      key: { pk: String(item.pk), sk: String(item.sk) },
      ...parseItem(WatchRecord, item),
    }));
    // Consistent too: the report as the flag's condition will find it.
    const found = await batchGetAll(
      entries.map((e) => ({ pk: reportPk(siren, e.reportId), sk: 'REPORT' })),
      true,
    );
    const byId = new Map(found.map((item) => [String(item.id), toReport(item)]));
    const due: Report[] = [];
    const stale: StaleWatch[] = [];
    for (const entry of entries) {
      const report = byId.get(entry.reportId);
      const key = report && watchKey(report);
      if (key && key.pk === entry.key.pk && key.sk === entry.key.sk) due.push(report);
      else stale.push({ key: entry.key, siren, reportId: entry.reportId, report });
    }
    await dropStale(stale);
    return due;
  },

  async markOverdue(report, at, escalation) {
    // Still due then and in that body: a report re-routed since (a new due date) is not flagged on the old one.
    const still = stillWatched(report);
    const update: TransactItem = {
      Update: {
        TableName: TABLE_NAME,
        Key: { pk: reportPk(report.territory, report.id), sk: 'REPORT' },
        UpdateExpression: escalation ? 'SET overdue = :true, escalatedAt = :at' : 'SET overdue = :true',
        ConditionExpression: still.expression + (escalation ? ' AND attribute_not_exists(escalatedAt)' : ''),
        ExpressionAttributeNames: still.names,
        ExpressionAttributeValues: { ':true': true, ...still.values, ...(escalation ? { ':at': at } : {}) },
      },
    };
    // Flagged, it leaves the work list (the item of the state read; none for a report predating them).
    const unwatched = watchWrites({ ...report, overdue: false }, { ...report, overdue: true });
    try {
      await commit([update, ...unwatched], escalation ? [escalation] : []);
      return true;
    } catch (error) {
      if (error instanceof ConflictError && !(error instanceof StoreBusyError)) return false;
      throw error;
    }
  },

  async listFollowedBy(siren, sub, limit, cursor) {
    const followed = await queryPage({
      index: INDEXES.gsi1,
      partition: citizenPk(siren, sub),
      order: 'descending',
      limit,
      cursor,
    });
    const ids = followed.items.map((item) => String(item.gsi1sk));
    const found = await batchGetAll(ids.map((id) => ({ pk: reportPk(siren, id), sk: 'REPORT' })));
    const byId = new Map(found.map((item) => [String(item.id), toReport(item)]));
    const items = followed.items.flatMap((item, i) => {
      const report = byId.get(ids[i]!);
      return report ? [{ report, reason: parseItem(FollowerRecord, item).reason }] : [];
    });
    return { items, ...(followed.cursor ? { cursor: followed.cursor } : {}) };
  },

  async listOpenInCells(siren, category, cells) {
    const pages = await Promise.all(
      cells.map((cell) =>
        queryAll(
          {
            IndexName: INDEXES.gsi6,
            KeyConditionExpression: 'gsi6pk = :cell',
            ExpressionAttributeValues: { ':cell': openPk(siren, category, cell) },
          },
          500,
        ),
      ),
    );
    return pages.flat().map(toReport);
  },
};

/**
 * One-off backfill of the fine map index (gsi8) for reports written before it existed: pages
 * through each commune's reports (gsi4) keeping those without gsi8pk, and sets their keys with a
 * condition that they are still absent (a report changed meanwhile has them already: skipped).
 * Safe to run again; returns how many reports it gave keys to.
 */
export const backfillFineMapIndex = async (siren: string, communes: readonly string[]): Promise<number> => {
  let written = 0;
  for (const insee of communes) {
    let start: Item | undefined;
    do {
      const page = await dynamo.send(
        new QueryCommand({
          TableName: TABLE_NAME,
          IndexName: INDEXES.gsi4,
          KeyConditionExpression: 'gsi4pk = :commune',
          FilterExpression: 'attribute_not_exists(gsi8pk)',
          ProjectionExpression: 'pk, sk, territory, id, createdAt, #loc',
          ExpressionAttributeNames: { '#loc': 'location' },
          ExpressionAttributeValues: { ':commune': communePk(siren, insee) },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        const keys = fineMapKeys(item as Pick<Report, 'territory' | 'location' | 'createdAt' | 'id'>);
        try {
          await retryWhileBusy(() =>
            dynamo.send(
              new UpdateCommand({
                TableName: TABLE_NAME,
                Key: { pk: item.pk, sk: item.sk },
                UpdateExpression: 'SET gsi8pk = :pk, gsi8sk = :sk',
                ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(gsi8pk)',
                ExpressionAttributeValues: { ':pk': keys.gsi8pk, ':sk': keys.gsi8sk },
              }),
            ),
          );
          written++;
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      }
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return written;
};

const StatusOnly = ReportRecord.pick({ status: true });

/**
 * Counts a body's reports per status and stores them as its COUNTS item (run by
 * scripts/backfill-report-counts.ts for bodies whose reports predate the counts). A body whose
 * counts exist and are not being built is left as it is ('kept'), unless `recount`.
 *
 * Exact although writes go on meanwhile: the item is first created (absent) marked `building`, so
 * from then on every write in the body moves it and adds one to `changes`; the count is taken
 * after `indexLagMs` (the index catching up with writes committed before `changes` was read), and
 * stored only if `changes` is still what was read — no write moved the body's reports while
 * counting. Otherwise it counts again. The one window left: a write committed just before
 * `changes` was read and not yet in gsi1 after `indexLagMs` (DynamoDB's index lag is usually well
 * under a second); a recount repairs it.
 */
export const recountBody = async (
  siren: string,
  bodyId: string,
  { recount = false, indexLagMs = 2000, attempts = 10 } = {},
): Promise<Record<ReportStatus, number> | 'kept'> => {
  const key = countsKey(siren, bodyId);
  try {
    await dynamo.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: { ...key, territory: siren, bodyId, building: true, changes: 0 },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const { Item } = await dynamo.send(new GetCommand({ TableName: TABLE_NAME, Key: key, ConsistentRead: true }));
    const read = parseItem(CountsRecord, Item ?? {});
    if (!read.building && !recount) return 'kept';
    if (indexLagMs > 0) await new Promise((resolve) => setTimeout(resolve, indexLagMs));
    const counts = Object.fromEntries(REPORT_STATUSES.map((status) => [status, 0])) as Record<ReportStatus, number>;
    const items = await queryAll({
      IndexName: INDEXES.gsi1,
      KeyConditionExpression: 'gsi1pk = :body',
      ProjectionExpression: '#status',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':body': bodyPrefix(siren, bodyId) },
    });
    for (const item of items) counts[parseItem(StatusOnly, item).status]++;
    try {
      await dynamo.send(
        new UpdateCommand({
          TableName: TABLE_NAME,
          Key: key,
          UpdateExpression: `SET ${REPORT_STATUSES.map((_, i) => `#s${i} = :c${i}`).join(', ')} REMOVE building`,
          ConditionExpression: 'changes = :changes',
          ExpressionAttributeNames: Object.fromEntries(REPORT_STATUSES.map((status, i) => [`#s${i}`, status])),
          ExpressionAttributeValues: {
            ...Object.fromEntries(REPORT_STATUSES.map((status, i) => [`:c${i}`, counts[status]])),
            ':changes': read.changes,
          },
        }),
      );
      return counts;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
  throw new Error(`The reports of body ${bodyId} (${siren}) kept changing while counted: run the backfill again`);
};

const WatchFields = ReportRecord.pick({
  territory: true,
  id: true,
  bodyId: true,
  status: true,
  dueAt: true,
  overdue: true,
});

/**
 * Gives the SLA watch item to each report of a body that should have one (open, with a due date,
 * not flagged) and then marks the body as watched: from then on the SLA engine reads the body's
 * watch items instead of gsi7 (run by scripts/backfill-sla-watch.ts for the reports predating
 * them). Each item is put in a transaction with a check that its report is still in that state, so
 * a report flagged, closed or re-routed meanwhile (whose write took care of its own item) does not
 * get a stale one; what a write puts meanwhile is the same item. Safe to run twice, and side by side.
 * Returns how many reports it watched; `marked` when the body was marked before this run.
 */
export const watchBody = async (siren: string, bodyId: string): Promise<{ watched: number; marked: boolean }> => {
  const marked =
    (
      await dynamo.send(
        new GetCommand({
          TableName: TABLE_NAME,
          Key: { pk: watchPk(siren, bodyId), sk: WATCHED },
          ConsistentRead: true,
        }),
      )
    ).Item !== undefined;
  const reports = (
    await queryAll({
      IndexName: INDEXES.gsi7,
      KeyConditionExpression: 'gsi7pk = :due',
      FilterExpression: 'overdue = :false',
      ProjectionExpression: 'territory, id, bodyId, #status, dueAt, overdue',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':due': duePk(siren, bodyId), ':false': false },
    })
  ).map((item) => parseItem(WatchFields, item));
  let watched = 0;
  await inParallel(reports, 8, async (report) => {
    const key = watchKey(report);
    if (!key) return;
    const still = stillWatched(report);
    try {
      await retryWhileBusy(() =>
        transact([
          watchItem(key, report),
          {
            ConditionCheck: {
              TableName: TABLE_NAME,
              Key: { pk: reportPk(siren, report.id), sk: 'REPORT' },
              ConditionExpression: still.expression,
              ExpressionAttributeNames: still.names,
              ExpressionAttributeValues: still.values,
            },
          },
        ]),
      );
      watched++;
    } catch (error) {
      // Changed since the index was read: its own write keeps its item.
      if (failedConditions(error).length === 0) throw error;
    }
  });
  await markBodyWatched(siren, bodyId);
  return { watched, marked };
};

/**
 * Marks a body watched: the SLA engine reads its watch items from now on. Only for a body whose
 * every report was written by a version that keeps them (watchBody, once it has backfilled; the
 * local demo, whose reports are all filed by this code).
 */
export const markBodyWatched = async (siren: string, bodyId: string): Promise<void> => {
  await dynamo.send(
    new PutCommand({
      TableName: TABLE_NAME,
      Item: { pk: watchPk(siren, bodyId), sk: WATCHED, territory: siren, bodyId, at: new Date().toISOString() },
    }),
  );
};
