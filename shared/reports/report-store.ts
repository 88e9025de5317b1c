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
 *
 * Access patterns
 * - one report, its history, its followers      GetItem REPORT; Query sk begins_with HISTORY# / FOLLOWER#
 * - file a report                               Transact: Put REPORT (absent), HISTORY, FOLLOWER, outbox
 * - change it (agent, reporter)                 Transact: Update REPORT if version = read, Put HISTORY,
 *                                               [Put FOLLOWER# into the original, ConditionCheck it], outbox
 * - support it                                  Transact: Put SUPPORT (absent), Update REPORT ADD supportCount
 *                                               (if open), Put FOLLOWER, outbox — retried on TransactionConflict
 * - agent list: body [+ status | category | commune | overdue] [+ date range], newest or oldest first
 *     overdue=true   Query gsi7 sk < now          (open and past due; other filters as a FilterExpression)
 *     status         Query gsi2                   category         Query gsi3
 *     commune        Query gsi4 (filter on body)  none             Query gsi1
 *     date range     BETWEEN on the sort key (a FilterExpression on gsi7); remaining filters as FilterExpression
 * - public list by commune                      Query gsi4, newest first
 *     filing period, statuses, categories      BETWEEN on gsi4sk; status / category IN as a FilterExpression
 * - public map by box                           Query gsi5 per covering cell (≤ 64), merged newest first
 * - nearby open reports of a category           Query gsi6 on the point's cell and its 8 neighbours
 * - the SLA engine: open reports past due       Query gsi7 per body, sk < now, filter overdue = false
 * - flag one overdue (and escalate once)        Transact: Update REPORT if open and not flagged
 *                                               [and not escalated], [outbox]
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { commitWithEvents, type TransactItem } from '../events/outbox';
import { decodeCursor, dynamo, encodeCursor, INDEXES, TABLE_NAME, queryAll } from '../runtime/dynamo';
import { ConflictError } from '../kernel/errors';
import { newId } from '../kernel/ids';
import { encodeGeohash } from '../geo/geohash';
import {
  AlreadySupportedError,
  followerKey,
  isOpen,
  OPEN_STATUSES,
  type Follower,
  type HistoryEntry,
  type Report,
} from './report';
import type { BodyReportsQuery, Page, ReportStore } from './report-ports';
import { MAP_PRECISION, NEARBY_PRECISION } from './report-use-cases';

type Item = Record<string, unknown>;

const territoryKey = (siren: string) => `TERRITORY#${siren}`;
const reportPk = (siren: string, id: string) => `${territoryKey(siren)}#REPORT#${id}`;
const bodyPrefix = (siren: string, bodyId: string) => `${territoryKey(siren)}#BODY#${bodyId}#REPORTS`;
const communePk = (siren: string, insee: string) => `${territoryKey(siren)}#COMMUNE#${insee}#REPORTS`;
const mapPk = (siren: string, cell: string) => `${territoryKey(siren)}#REPORTS#MAP#${cell}`;
const openPk = (siren: string, category: string, cell: string) =>
  `${territoryKey(siren)}#REPORTS#OPEN#${category}#${cell}`;
const duePk = (siren: string, bodyId: string) => `${bodyPrefix(siren, bodyId)}#OPEN`;

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

const REPORT_FIELDS: readonly (keyof Report)[] = [
  'id',
  'territory',
  'category',
  'commune',
  'bodyId',
  'bodyKind',
  'service',
  'location',
  'address',
  'description',
  'answers',
  'photos',
  'mediaUrl',
  'status',
  'channel',
  'reporterSub',
  'contact',
  'filedBy',
  'duplicateOf',
  'supportCount',
  'createdAt',
  'updatedAt',
  'acknowledgedAt',
  'resolvedAt',
  'closedAt',
  'dueAt',
  'overdue',
  'escalatedAt',
  'version',
];
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

const fromItem = (item: Item): Report =>
  Object.fromEntries(REPORT_FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]])) as unknown as Report;

const reportItem = (r: Report): Item => ({ pk: reportPk(r.territory, r.id), sk: 'REPORT', ...r, ...indexKeys(r).set });

const historyItem = (r: Report, entry: HistoryEntry): Item => ({
  pk: reportPk(r.territory, r.id),
  sk: `HISTORY#${entry.at}#${newId()}`,
  ...entry,
});

const followerItem = (siren: string, reportId: string, follower: Follower): Item => ({
  pk: reportPk(siren, reportId),
  sk: `FOLLOWER#${followerKey(follower)}`,
  ...follower,
});

const put = (item: Item, condition?: string): TransactItem => ({
  Put: { TableName: TABLE_NAME, Item: item, ...(condition ? { ConditionExpression: condition } : {}) },
});

/** Transactions on a popular report meet others (supports): DynamoDB cancels one; it is tried again. */
const isTransactionConflict = (error: unknown) =>
  (error instanceof TransactionCanceledException &&
    (error.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict')) ||
  (error as Error).name === 'TransactionConflictException';

const commit: typeof commitWithEvents = async (items, events) => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await commitWithEvents(items, events);
    } catch (error) {
      if (attempt >= 10 || !isTransactionConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** Math.min(attempt, 6)));
    }
  }
};

const queryPrefix = (siren: string, id: string, prefix: string) =>
  queryAll(
    {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': reportPk(siren, id), ':prefix': prefix },
    },
    1000,
  );

/** A filter expression built piece by piece, with its names and values. */
class Filter {
  readonly conditions: string[] = [];
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  add(condition: string, names: Record<string, string>, values: Record<string, unknown>) {
    this.conditions.push(condition);
    Object.assign(this.names, names);
    Object.assign(this.values, values);
  }
  get expression() {
    return this.conditions.length > 0 ? this.conditions.join(' AND ') : undefined;
  }
}

/**
 * Up to `limit` items of one index partition, following pages while a filter leaves them short;
 * the cursor is bound to that partition.
 */
const page = async (
  index: string,
  partition: string,
  sortRange: { from?: string; to?: string },
  filter: Filter,
  order: 'newest' | 'oldest',
  limit: number,
  cursor: string | undefined,
): Promise<Page<Report>> => {
  const [pkName, skName] = [`${index}pk`, `${index}sk`];
  const keyValues: Record<string, unknown> = { ':partition': partition };
  let keyCondition = `${pkName} = :partition`;
  if (sortRange.from !== undefined && sortRange.to !== undefined) {
    keyCondition += ` AND ${skName} BETWEEN :from AND :to`;
    Object.assign(keyValues, { ':from': sortRange.from, ':to': sortRange.to });
  } else if (sortRange.from !== undefined) {
    keyCondition += ` AND ${skName} >= :from`;
    keyValues[':from'] = sortRange.from;
  } else if (sortRange.to !== undefined) {
    keyCondition += ` AND ${skName} <= :to`;
    keyValues[':to'] = sortRange.to;
  }
  const items: Item[] = [];
  let start = decodeCursor(cursor, { [pkName]: partition });
  // A few rounds at most: a rare filter value ends a page short, with a cursor to go on.
  for (let round = 0; round < 5 && items.length < limit; round++) {
    const result = await dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        IndexName: index,
        KeyConditionExpression: keyCondition,
        ...(filter.expression ? { FilterExpression: filter.expression } : {}),
        ...(Object.keys(filter.names).length > 0 ? { ExpressionAttributeNames: filter.names } : {}),
        ExpressionAttributeValues: { ...keyValues, ...filter.values },
        ScanIndexForward: order === 'oldest',
        Limit: limit - items.length,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(result.Items ?? []));
    start = result.LastEvaluatedKey;
    if (!start) break;
  }
  return { items: items.map(fromItem), cursor: encodeCursor(start) };
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
  const filter = new Filter();
  const filterOn = (attribute: string, value: unknown) =>
    filter.add(`#${attribute} = :${attribute}`, { [`#${attribute}`]: attribute }, { [`:${attribute}`]: value });

  if (q.overdue === true) {
    // Open and past due; the filing time becomes a filter on this index.
    if (q.status) filterOn('status', q.status);
    if (q.category) filterOn('category', q.category);
    if (q.commune) filterOn('commune', q.commune);
    if (from) filter.add('createdAt >= :createdFrom', {}, { ':createdFrom': from });
    if (to) filter.add('createdAt <= :createdTo', {}, { ':createdTo': to });
    return page(INDEXES.gsi7, duePk(q.territory, q.bodyId), { to: `${q.now}` }, filter, q.order, q.limit, q.cursor);
  }
  if (q.overdue === false) {
    filter.add(
      'NOT (#status IN (:open0, :open1, :open2) AND dueAt < :now)',
      { '#status': 'status' },
      { ':open0': OPEN_STATUSES[0], ':open1': OPEN_STATUSES[1], ':open2': OPEN_STATUSES[2], ':now': q.now },
    );
  }
  if (q.status) {
    if (q.category) filterOn('category', q.category);
    if (q.commune) filterOn('commune', q.commune);
    return page(INDEXES.gsi2, `${body}#STATUS#${q.status}`, created, filter, q.order, q.limit, q.cursor);
  }
  if (q.category) {
    if (q.commune) filterOn('commune', q.commune);
    return page(INDEXES.gsi3, `${body}#CATEGORY#${q.category}`, created, filter, q.order, q.limit, q.cursor);
  }
  if (q.commune) {
    filterOn('bodyId', q.bodyId);
    return page(INDEXES.gsi4, communePk(q.territory, q.commune), created, filter, q.order, q.limit, q.cursor);
  }
  return page(INDEXES.gsi1, body, created, filter, q.order, q.limit, q.cursor);
};

export const dynamoReportStore: ReportStore = {
  async get(siren, id) {
    const { Item } = await dynamo.send(
      new GetCommand({ TableName: TABLE_NAME, Key: { pk: reportPk(siren, id), sk: 'REPORT' } }),
    );
    return Item ? fromItem(Item) : undefined;
  },

  async history(siren, id) {
    return (await queryPrefix(siren, id, 'HISTORY#')).map(
      ({ pk: _pk, sk: _sk, ...entry }) => entry as unknown as HistoryEntry,
    );
  },

  async followers(siren, id) {
    return (await queryPrefix(siren, id, 'FOLLOWER#')).map(
      ({ pk: _pk, sk: _sk, ...follower }) => follower as unknown as Follower,
    );
  },

  async create(report, first, reporter, event) {
    await commit(
      [
        put(reportItem(report), 'attribute_not_exists(pk)'),
        put(historyItem(report, first)),
        ...(reporter ? [put(followerItem(report.territory, report.id, reporter))] : []),
      ],
      [event],
    );
  },

  async update(report, readVersion, entry, event, extra) {
    const { set, remove } = indexKeys(report);
    const fields: Item = { ...set };
    for (const f of MUTABLE_FIELDS) {
      if (report[f] === undefined) remove.push(f);
      else fields[f] = report[f];
    }
    const names = Object.keys(fields);
    const original = extra?.followOriginal;
    // A transaction holds 100 items: followers beyond go in later, idempotent writes.
    const followers = original?.followers ?? [];
    const inTransaction = followers.slice(0, 90);
    await commit(
      [
        {
          Update: {
            TableName: TABLE_NAME,
            Key: { pk: reportPk(report.territory, report.id), sk: 'REPORT' },
            UpdateExpression:
              `SET ${names.map((_, i) => `#f${i} = :v${i}`).join(', ')}` +
              (remove.length > 0 ? ` REMOVE ${remove.map((_, i) => `#r${i}`).join(', ')}` : ''),
            ConditionExpression: 'version = :read',
            ExpressionAttributeNames: {
              ...Object.fromEntries(names.map((n, i) => [`#f${i}`, n])),
              ...Object.fromEntries(remove.map((n, i) => [`#r${i}`, n])),
            },
            ExpressionAttributeValues: {
              ...Object.fromEntries(names.map((n, i) => [`:v${i}`, fields[n]])),
              ':read': readVersion,
            },
          },
        },
        put(historyItem(report, entry)),
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
              ...inTransaction.map((f) => put(followerItem(report.territory, original.id, f))),
            ]
          : []),
      ],
      [event],
    );
    for (const f of followers.slice(90)) {
      await commit([put(followerItem(report.territory, original!.id, f))], []);
    }
  },

  async support(report, supporter, event) {
    const pk = reportPk(report.territory, report.id);
    const supportKey = { pk, sk: `SUPPORT#${supporter.sub}` };
    try {
      await commit(
        [
          put({ ...supportKey, sub: supporter.sub, at: supporter.since }, 'attribute_not_exists(pk)'),
          {
            Update: {
              TableName: TABLE_NAME,
              Key: { pk, sk: 'REPORT' },
              UpdateExpression: 'ADD supportCount :one',
              ConditionExpression: '#status IN (:open0, :open1, :open2)',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':one': 1,
                ':open0': OPEN_STATUSES[0],
                ':open1': OPEN_STATUSES[1],
                ':open2': OPEN_STATUSES[2],
              },
            },
          },
          put(followerItem(report.territory, report.id, supporter)),
        ],
        [event],
      );
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const { Item } = await dynamo.send(
        new GetCommand({ TableName: TABLE_NAME, Key: supportKey, ConsistentRead: true }),
      );
      if (Item) throw new AlreadySupportedError(report.id);
      throw new ConflictError(`Report ${report.id} was closed meanwhile: it can no longer be supported`);
    }
    const { Item } = await dynamo.send(
      new GetCommand({ TableName: TABLE_NAME, Key: { pk, sk: 'REPORT' }, ProjectionExpression: 'supportCount' }),
    );
    return (Item?.supportCount as number | undefined) ?? 0;
  },

  listByBody,

  async listByCommune(siren, insee, limit, cursor, { from, to, statuses, categories } = {}) {
    const filter = new Filter();
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
    const created = { from, to: to === undefined ? undefined : `${to}#~` };
    return page(INDEXES.gsi4, communePk(siren, insee), created, filter, 'newest', limit, cursor);
  },

  async listByCells({ territory, cells, bbox, limit, cursor }) {
    // One cursor for all cells: the sort key of the last report given, bound to this box.
    const box = bbox.join(',');
    const before = decodeCursor(cursor, { box })?.before as string | undefined;
    const [west, south, east, north] = bbox;
    const results = await Promise.all(
      cells.map((cell) =>
        dynamo.send(
          new QueryCommand({
            TableName: TABLE_NAME,
            IndexName: INDEXES.gsi5,
            KeyConditionExpression: `gsi5pk = :cell${before ? ' AND gsi5sk < :before' : ''}`,
            FilterExpression: '#loc.lat BETWEEN :south AND :north AND #loc.lon BETWEEN :west AND :east',
            ExpressionAttributeNames: { '#loc': 'location' },
            ExpressionAttributeValues: {
              ':cell': mapPk(territory, cell),
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
    const floor = results
      .map((r) => r.LastEvaluatedKey?.gsi5sk as string | undefined)
      .filter((sk): sk is string => sk !== undefined)
      .sort()
      .at(-1);
    const candidates = results
      .flatMap((r) => r.Items ?? [])
      .filter((item) => floor === undefined || (item.gsi5sk as string) >= floor)
      .sort((a, b) => ((a.gsi5sk as string) < (b.gsi5sk as string) ? 1 : -1));
    const items = candidates.slice(0, limit);
    const next =
      items.length === limit && (candidates.length > limit || floor !== undefined)
        ? (items.at(-1)!.gsi5sk as string)
        : floor;
    return { items: items.map(fromItem), cursor: next ? encodeCursor({ box, before: next }) : undefined };
  },

  async listPastDue(siren, bodyId, now) {
    const items = await queryAll({
      IndexName: INDEXES.gsi7,
      KeyConditionExpression: 'gsi7pk = :due AND gsi7sk < :now',
      // Reports already flagged stay in the index until closed: read, then left out.
      FilterExpression: 'overdue = :false',
      ExpressionAttributeValues: { ':due': duePk(siren, bodyId), ':now': now, ':false': false },
    });
    return items.map(fromItem);
  },

  async markOverdue(report, at, escalation) {
    const update: TransactItem = {
      Update: {
        TableName: TABLE_NAME,
        Key: { pk: reportPk(report.territory, report.id), sk: 'REPORT' },
        UpdateExpression: escalation ? 'SET overdue = :true, escalatedAt = :at' : 'SET overdue = :true',
        ConditionExpression: `overdue = :false AND #status IN (:open0, :open1, :open2)${
          escalation ? ' AND attribute_not_exists(escalatedAt)' : ''
        }`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':true': true,
          ':false': false,
          ':open0': OPEN_STATUSES[0],
          ':open1': OPEN_STATUSES[1],
          ':open2': OPEN_STATUSES[2],
          ...(escalation ? { ':at': at } : {}),
        },
      },
    };
    try {
      await commit([update], escalation ? [escalation] : []);
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
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
    return pages.flat().map(fromItem);
  },
};
