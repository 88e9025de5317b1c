/**
 * The statistics context's domain: figures for the dashboards (direction, elected officials), kept
 * up to date by an event consumer rather than computed by reading reports at each view. Pure.
 *
 * - Reports: counters per territory, month, commune and category — filed, acknowledged, resolved,
 *   rejected, duplicates, reopened, went overdue, resolutions within / past their target — with the
 *   times to acknowledge and to resolve kept as histograms of business hours (the body's calendar),
 *   from which the medians are read. A count is in the month (Europe/Paris) of the event itself: a
 *   report filed in March and resolved in April is filed in March and resolved in April.
 * - A report is judged against its target once: resolved before its due date (within), or past it
 *   (its `reports.overdue` event, or a late resolution when the detector had not flagged it). The
 *   share within target counts both, so leaving late reports open does not flatter a body.
 * - Sensor alerts: opened per ISO week (Europe/Paris) and commune, by severity.
 */
import { decodeTime } from 'ulid';
import { localDateOf } from '../calendar/local-date';

export const STATISTICS_TIME_ZONE = 'Europe/Paris';
/** The token of "every commune" / "every category" in a cell's coordinates. */
export const ALL = '*';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const WEEK = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;
export const isMonth = (value: string): boolean => MONTH.test(value);
export const isWeek = (value: string): boolean => WEEK.test(value);

/** The month ('YYYY-MM') of an instant on a wall calendar in Paris. */
export const monthOf = (instant: string | number): string =>
  localDateOf(typeof instant === 'number' ? instant : Date.parse(instant), STATISTICS_TIME_ZONE).slice(0, 7);

/** The ISO 8601 week ('YYYY-Www') of a calendar date 'YYYY-MM-DD'. */
export const isoWeekOfDate = (date: string): string => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  const weekday = (day.getUTCDay() + 6) % 7; // Monday 0
  // The week's Thursday decides its year.
  const thursday = new Date(day.getTime() + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
};

/** The ISO week of an instant on a wall calendar in Paris. */
export const weekOf = (instant: string | number): string =>
  isoWeekOfDate(localDateOf(typeof instant === 'number' ? instant : Date.parse(instant), STATISTICS_TIME_ZONE));

/** Months from `from` to `to` inclusive ('YYYY-MM'). */
export const monthsBetween = (from: string, to: string): string[] => {
  const months: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 1200; guard++) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > to) break;
    months.push(month);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return months;
};

/** The month `n` months before `month`. */
export const monthMinus = (month: string, n: number): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};

/** The Monday (a date) of an ISO week. */
const mondayOf = (week: string): number => {
  const [y, w] = [Number(week.slice(0, 4)), Number(week.slice(6))];
  const jan4 = Date.UTC(y, 0, 4);
  const jan4Weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  return jan4 - jan4Weekday * 86_400_000 + (w - 1) * 7 * 86_400_000;
};

/** The `count` ISO weeks ending with the week of `instant`, oldest first. */
export const weeksEndingAt = (instant: number, count: number): string[] => {
  const last = mondayOf(weekOf(instant));
  return Array.from({ length: count }, (_, i) =>
    isoWeekOfDate(new Date(last - (count - 1 - i) * 7 * 86_400_000).toISOString().slice(0, 10)),
  );
};

// ——— durations: a histogram of business hours ———

/**
 * Upper bounds (exclusive) of the duration buckets, in business hours. Resolution: 1 h up to a day
 * (24 h), 4 h up to 120 h, 24 h up to 720 h; beyond 720 h, one open bucket.
 */
export const BUCKET_BOUNDS: readonly number[] = [
  ...Array.from({ length: 24 }, (_, i) => i + 1),
  ...Array.from({ length: 24 }, (_, i) => 28 + i * 4),
  ...Array.from({ length: 25 }, (_, i) => 144 + i * 24),
];
export const BUCKET_COUNT = BUCKET_BOUNDS.length + 1;
export const OPEN_BUCKET_FLOOR = BUCKET_BOUNDS[BUCKET_BOUNDS.length - 1]!;

export const bucketOf = (hours: number): number => {
  const index = BUCKET_BOUNDS.findIndex((bound) => hours < bound);
  return index === -1 ? BUCKET_BOUNDS.length : index;
};

const lowerBound = (bucket: number): number => (bucket === 0 ? 0 : BUCKET_BOUNDS[bucket - 1]!);

/**
 * The median of a histogram: the bucket holding the middle rank, interpolated linearly within it
 * (the grouped-data median), to a tenth of an hour. In the open bucket it is that bucket's floor
 * (720: "720 h or more"). Null for an empty histogram.
 */
export const medianOf = (histogram: readonly number[]): number | null => {
  const total = histogram.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const half = total / 2;
  let before = 0;
  for (let bucket = 0; bucket < histogram.length; bucket++) {
    const count = histogram[bucket] ?? 0;
    if (count > 0 && before + count >= half) {
      if (bucket >= BUCKET_BOUNDS.length) return OPEN_BUCKET_FLOOR;
      const [low, high] = [lowerBound(bucket), BUCKET_BOUNDS[bucket]!];
      return Math.round((low + ((half - before) / count) * (high - low)) * 10) / 10;
    }
    before += count;
  }
  return OPEN_BUCKET_FLOOR;
};

// ——— report counters ———

export const REPORT_COUNTERS = [
  'filed',
  'acknowledged',
  'resolved',
  'rejected',
  'duplicate',
  'reopened',
  'overdue',
  'withinTarget',
  'missedTarget',
] as const;
export type ReportCounter = (typeof REPORT_COUNTERS)[number];

export interface ReportFigures {
  readonly counts: Readonly<Record<ReportCounter, number>>;
  /** Business hours from filing to acknowledgement, by bucket. */
  readonly toAcknowledge: readonly number[];
  readonly toResolve: readonly number[];
}

export const emptyFigures = (): ReportFigures => ({
  counts: Object.fromEntries(REPORT_COUNTERS.map((c) => [c, 0])) as Record<ReportCounter, number>,
  toAcknowledge: new Array<number>(BUCKET_COUNT).fill(0),
  toResolve: new Array<number>(BUCKET_COUNT).fill(0),
});

export const addFigures = (a: ReportFigures, b: ReportFigures): ReportFigures => ({
  counts: Object.fromEntries(REPORT_COUNTERS.map((c) => [c, a.counts[c] + b.counts[c]])) as Record<
    ReportCounter,
    number
  >,
  toAcknowledge: a.toAcknowledge.map((n, i) => n + (b.toAcknowledge[i] ?? 0)),
  toResolve: a.toResolve.map((n, i) => n + (b.toResolve[i] ?? 0)),
});

/** What a dashboard row says: the counts, the share within target and the medians. */
export interface SlaSummary {
  readonly filed: number;
  readonly acknowledged: number;
  readonly resolved: number;
  readonly rejected: number;
  readonly duplicate: number;
  readonly wentOverdue: number;
  readonly withinTarget: number;
  /** Reports judged against their target: within + missed. */
  readonly judged: number;
  /** withinTarget / judged, to a thousandth; null when nothing was judged. */
  readonly shareWithinTarget: number | null;
  readonly medianHoursToAcknowledge: number | null;
  readonly medianHoursToResolve: number | null;
}

export const summarize = (f: ReportFigures): SlaSummary => {
  const judged = f.counts.withinTarget + f.counts.missedTarget;
  return {
    filed: f.counts.filed,
    acknowledged: f.counts.acknowledged,
    resolved: f.counts.resolved,
    rejected: f.counts.rejected,
    duplicate: f.counts.duplicate,
    wentOverdue: f.counts.overdue,
    withinTarget: f.counts.withinTarget,
    judged,
    shareWithinTarget: judged === 0 ? null : Math.round((f.counts.withinTarget / judged) * 1000) / 1000,
    medianHoursToAcknowledge: medianOf(f.toAcknowledge),
    medianHoursToResolve: medianOf(f.toResolve),
  };
};

/** Once-per-report facts: a redelivered or repeated event cannot count them twice. */
export const ONCE_FLAGS = ['acknowledged', 'resolved', 'judged'] as const;
export type OnceFlag = (typeof ONCE_FLAGS)[number];

/** One contribution of an event to the counters of its month, commune and category. */
export interface ReportPart {
  readonly month: string;
  readonly commune: string;
  readonly category: string;
  /** Counted only if this fact was not counted before for this report. */
  readonly once?: OnceFlag;
  readonly add: Partial<Record<ReportCounter, number>>;
  readonly toAcknowledgeBucket?: number;
  readonly toResolveBucket?: number;
}

/** A report event as the statistics see it (the reports context's event data, narrowed). */
export type ReportFact =
  | { readonly kind: 'filed'; readonly data: ReportFactData }
  | {
      readonly kind: 'status-changed';
      readonly data: ReportFactData & { readonly from: string; readonly to: string; readonly reopened: boolean };
    }
  | { readonly kind: 'overdue'; readonly data: ReportFactData };

export interface ReportFactData {
  readonly reportId: string;
  readonly commune: string;
  readonly category: string;
  readonly bodyId: string;
  readonly at: string;
  readonly filedAt?: string | undefined;
  readonly dueAt?: string | undefined;
}

/** When a report was filed: carried by the event, else read from its ULID (its filing time). */
export const filedAtOf = (data: ReportFactData): string =>
  data.filedAt ?? new Date(decodeTime(data.reportId)).toISOString();

/**
 * What an event adds. `hours(from, to)` gives the business hours between two instants in the
 * calendar of the body handling the report.
 */
export const reportParts = (fact: ReportFact, hours: (from: string, to: string) => number): ReportPart[] => {
  const d = fact.data;
  const where = { month: monthOf(d.at), commune: d.commune, category: d.category };
  switch (fact.kind) {
    case 'filed':
      return [{ ...where, add: { filed: 1 } }];
    case 'overdue':
      return [
        { ...where, add: { overdue: 1 } },
        { ...where, once: 'judged', add: { missedTarget: 1 } },
      ];
    case 'status-changed': {
      const { from, to } = fact.data;
      if (to === 'acknowledged' && from === 'new') {
        return [
          {
            ...where,
            once: 'acknowledged',
            add: { acknowledged: 1 },
            toAcknowledgeBucket: bucketOf(hours(filedAtOf(d), d.at)),
          },
        ];
      }
      if (to === 'resolved') {
        const parts: ReportPart[] = [
          { ...where, once: 'resolved', add: { resolved: 1 }, toResolveBucket: bucketOf(hours(filedAtOf(d), d.at)) },
        ];
        if (d.dueAt) {
          const within = d.at <= d.dueAt;
          parts.push({ ...where, once: 'judged', add: within ? { withinTarget: 1 } : { missedTarget: 1 } });
        }
        return parts;
      }
      if (to === 'rejected') return [{ ...where, add: { rejected: 1 } }];
      if (to === 'duplicate') return [{ ...where, add: { duplicate: 1 } }];
      if (fact.data.reopened) return [{ ...where, add: { reopened: 1 } }];
      return [];
    }
  }
};

/**
 * The cells a part adds to: every combination of (commune or all) × (category or all), each kept
 * under the keys its queries read (statistics-store.ts).
 */
export const cellsOf = (part: Pick<ReportPart, 'commune' | 'category'>): readonly (readonly [string, string])[] => [
  [ALL, ALL],
  [part.commune, ALL],
  [ALL, part.category],
  [part.commune, part.category],
];

// ——— sensor alerts ———

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export interface AlertWeek {
  readonly week: string;
  readonly opened: number;
  readonly bySeverity: Readonly<Record<AlertSeverity, number>>;
}

// ——— participation ———

export interface ConsultationFigures {
  readonly consultationId: string;
  readonly title: string;
  readonly phase: string;
  /** INSEE of a commune-scoped consultation; absent for the whole territory. */
  readonly commune?: string;
  readonly proposals: number;
  readonly supports: number;
  readonly comments: number;
  readonly ballots: number;
}
