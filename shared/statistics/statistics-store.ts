/**
 * DynamoDB adapter of the dashboards' statistics: counter items kept by the statistics consumer.
 *
 * Access patterns
 * pk = TERRITORY#<siren>#STATS#REPORTS (counters; `*` = every commune / every category)
 * - a cell's months (over time)      Query sk BETWEEN S#<commune|*>#<category|*>#<from> AND …#<to>
 * - each commune, months from..to    Query sk BETWEEN BC#<category|*>#<from># AND BC#<category|*>#<to>#~
 * - each category, months from..to   Query sk BETWEEN BK#<commune|*>#<from># AND BK#<commune|*>#<to>#~
 *   Each event adds to 8 items (4 cells × the keys above) in one transaction, with ADD.
 * pk = TERRITORY#<siren>#STATS#ALERTS
 * - opened alerts per week           Query sk BETWEEN S#<commune|*>#<from> AND S#<commune|*>#<to>
 * pk = TERRITORY#<siren>#STATS#EVENTS, sk = <eventId>      an event counted (conditional Put, TTL 400 days)
 * pk = TERRITORY#<siren>#STATS#ONCE,   sk = <reportId>#<fact>  a once-per-report fact counted (acknowledged,
 *   resolved, judged against its target)
 * Months ('YYYY-MM') and ISO weeks ('YYYY-Www') sort as text, so a period is one BETWEEN.
 */
import * as z from 'zod';
import {
  ABSENT,
  failedConditions,
  putItem,
  queryAll,
  retryWhileBusy,
  TABLE_NAME,
  transact,
  TTL_ATTRIBUTE,
  type Item,
  type TransactItem,
} from '../runtime/dynamo';
import {
  ALERT_SEVERITIES,
  ALL,
  cellsOf,
  emptyFigures,
  REPORT_COUNTERS,
  type AlertWeek,
  type OnceFlag,
  type ReportCounter,
  type ReportFigures,
  type ReportPart,
} from './statistics';
import type { Applied, StatisticsStore } from './statistics-ports';

const reportsPk = (siren: string) => `TERRITORY#${siren}#STATS#REPORTS`;
const alertsPk = (siren: string) => `TERRITORY#${siren}#STATS#ALERTS`;
const eventsPk = (siren: string) => `TERRITORY#${siren}#STATS#EVENTS`;
const oncePk = (siren: string) => `TERRITORY#${siren}#STATS#ONCE`;

const seriesSk = (commune: string, category: string, month: string) => `S#${commune}#${category}#${month}`;
const byCommuneSk = (category: string, month: string, commune: string) => `BC#${category}#${month}#${commune}`;
const byCategorySk = (commune: string, month: string, category: string) => `BK#${commune}#${month}#${category}`;
const alertSk = (commune: string, week: string) => `S#${commune}#${week}`;

/** Bucket attributes: `a00`… (to acknowledge), `r00`… (to resolve). */
const bucketName = (prefix: 'a' | 'r', bucket: number) => `${prefix}${String(bucket).padStart(2, '0')}`;

/** Event markers outlive any redelivery (SQS keeps a message 14 days at most, a DLQ redrive included). */
const EVENT_MARKER_DAYS = 400;

const eventMarker = (siren: string, eventId: string, now = Date.now()): TransactItem =>
  putItem(
    {
      pk: eventsPk(siren),
      sk: eventId,
      [TTL_ATTRIBUTE]: Math.floor(now / 1000) + EVENT_MARKER_DAYS * 86_400,
    },
    ABSENT,
  );

/** ADD of every attribute of `adds` on one item, with its coordinates SET for reading back. */
const addUpdate = (key: Item, adds: ReadonlyMap<string, number>, coordinates: Item): TransactItem => {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const addClauses: string[] = [];
  [...adds.entries()].forEach(([attribute, n], i) => {
    names[`#a${i}`] = attribute;
    values[`:a${i}`] = n;
    addClauses.push(`#a${i} :a${i}`);
  });
  const setClauses = Object.entries(coordinates).map(([attribute, value], i) => {
    names[`#c${i}`] = attribute;
    values[`:c${i}`] = value;
    return `#c${i} = :c${i}`;
  });
  return {
    Update: {
      TableName: TABLE_NAME,
      Key: key,
      UpdateExpression: `ADD ${addClauses.join(', ')} SET ${setClauses.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
};

/** The additions of `parts` grouped by item (a transaction names an item once). */
const reportUpdates = (siren: string, parts: readonly ReportPart[]): TransactItem[] => {
  const byKey = new Map<string, { coordinates: Item; adds: Map<string, number> }>();
  const add = (sk: string, coordinates: Item, part: ReportPart) => {
    const entry = byKey.get(sk) ?? { coordinates, adds: new Map<string, number>() };
    byKey.set(sk, entry);
    const bump = (attribute: string, n: number) => entry.adds.set(attribute, (entry.adds.get(attribute) ?? 0) + n);
    for (const [counter, n] of Object.entries(part.add)) if (n) bump(counter, n);
    if (part.toAcknowledgeBucket !== undefined) bump(bucketName('a', part.toAcknowledgeBucket), 1);
    if (part.toResolveBucket !== undefined) bump(bucketName('r', part.toResolveBucket), 1);
  };
  for (const part of parts) {
    for (const [commune, category] of cellsOf(part)) {
      const coordinates = { month: part.month, commune, category };
      add(seriesSk(commune, category, part.month), coordinates, part);
      if (commune !== ALL) add(byCommuneSk(category, part.month, commune), coordinates, part);
      if (category !== ALL) add(byCategorySk(commune, part.month, category), coordinates, part);
    }
  }
  return [...byKey.entries()]
    .filter(([, entry]) => entry.adds.size > 0)
    .map(([sk, entry]) => addUpdate({ pk: reportsPk(siren), sk }, entry.adds, entry.coordinates));
};

/** A counter item as read: missing attributes are zeros. */
const CellItem = z.looseObject({ month: z.string(), commune: z.string(), category: z.string() });
const numberAt = (item: Item, attribute: string): number => {
  const value = item[attribute];
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
};
const figuresOf = (item: Item): ReportFigures => {
  const empty = emptyFigures();
  return {
    counts: Object.fromEntries(REPORT_COUNTERS.map((c) => [c, numberAt(item, c)])) as Record<ReportCounter, number>,
    toAcknowledge: empty.toAcknowledge.map((_, i) => numberAt(item, bucketName('a', i))),
    toResolve: empty.toResolve.map((_, i) => numberAt(item, bucketName('r', i))),
  };
};

/** A dashboard reads at most this many counter items per table (24 months × ~400 communes or categories). */
const MAX_CELLS = 10_000;

const between = async (pk: string, low: string, high: string): Promise<Item[]> =>
  queryAll(
    {
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :low AND :high',
      ExpressionAttributeValues: { ':pk': pk, ':low': low, ':high': high },
    },
    MAX_CELLS,
  );

const cells = async (pk: string, low: string, high: string) =>
  (await between(pk, low, high)).map((item) => ({ ...CellItem.parse(item), figures: figuresOf(item) }));

/**
 * One transaction: the event's marker, a marker per once-per-report fact, the counters. A failed
 * event marker means the event was counted already; a failed fact marker drops the parts of that
 * fact, and the rest is tried again.
 */
const applyOnce = async (
  siren: string,
  eventId: string,
  reportId: string | undefined,
  parts: readonly ReportPart[],
  updatesOf: (parts: readonly ReportPart[]) => TransactItem[],
): Promise<Applied> => {
  let remaining = parts;
  for (let round = 0; round <= 3; round++) {
    const facts = [...new Set(remaining.flatMap((p) => (p.once ? [p.once] : [])))] as OnceFlag[];
    const items = [
      eventMarker(siren, eventId),
      ...facts.map((fact) => putItem({ pk: oncePk(siren), sk: `${reportId}#${fact}`, eventId }, ABSENT)),
      ...updatesOf(remaining),
    ];
    try {
      await retryWhileBusy(() => transact(items));
      return 'applied';
    } catch (error) {
      const failed = failedConditions(error);
      if (failed.length === 0) throw error;
      if (failed.includes(0)) return 'already-counted';
      const counted = new Set(failed.map((i) => facts[i - 1]));
      remaining = remaining.filter((p) => !p.once || !counted.has(p.once));
    }
  }
  throw new Error(`Statistics of event ${eventId}: once-per-report facts kept failing`);
};

const AlertCell = z.looseObject({ week: z.string() });

export const dynamoStatisticsStore: StatisticsStore = {
  applyReportParts: (siren, eventId, reportId, parts) =>
    applyOnce(siren, eventId, reportId, parts, (remaining) => reportUpdates(siren, remaining)),

  applyAlertOpened: async (siren, eventId, alert) => {
    const adds = new Map([
      ['opened', 1],
      [alert.severity, 1],
    ]);
    const items = [
      eventMarker(siren, eventId),
      addUpdate({ pk: alertsPk(siren), sk: alertSk(ALL, alert.week) }, adds, { week: alert.week, commune: ALL }),
      addUpdate({ pk: alertsPk(siren), sk: alertSk(alert.commune, alert.week) }, adds, {
        week: alert.week,
        commune: alert.commune,
      }),
    ];
    try {
      await retryWhileBusy(() => transact(items));
      return 'applied';
    } catch (error) {
      if (failedConditions(error).includes(0)) return 'already-counted';
      throw error;
    }
  },

  reportSeries: async (siren, commune, category, from, to) =>
    (await cells(reportsPk(siren), seriesSk(commune, category, from), seriesSk(commune, category, to))).map((c) => ({
      month: c.month,
      figures: c.figures,
    })),

  reportsByCommune: async (siren, category, from, to) =>
    (await cells(reportsPk(siren), byCommuneSk(category, from, ''), byCommuneSk(category, to, '~'))).map((c) => ({
      month: c.month,
      commune: c.commune,
      figures: c.figures,
    })),

  reportsByCategory: async (siren, commune, from, to) =>
    (await cells(reportsPk(siren), byCategorySk(commune, from, ''), byCategorySk(commune, to, '~'))).map((c) => ({
      month: c.month,
      category: c.category,
      figures: c.figures,
    })),

  alertWeeks: async (siren, commune, from, to) =>
    (await between(alertsPk(siren), alertSk(commune, from), alertSk(commune, to))).map((item): AlertWeek => ({
      week: AlertCell.parse(item).week,
      opened: numberAt(item, 'opened'),
      bySeverity: Object.fromEntries(ALERT_SEVERITIES.map((s) => [s, numberAt(item, s)])) as AlertWeek['bySeverity'],
    })),
};
