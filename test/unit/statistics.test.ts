/**
 * The dashboards' statistics, pure: medians read from duration histograms, months and weeks on a
 * Paris wall calendar, what each report event adds (and which facts count once per report), and
 * the CSV a table becomes.
 */
import {
  BUCKET_BOUNDS,
  BUCKET_COUNT,
  bucketOf,
  emptyFigures,
  isoWeekOfDate,
  medianOf,
  monthMinus,
  monthOf,
  monthsBetween,
  OPEN_BUCKET_FLOOR,
  reportParts,
  summarize,
  weekOf,
  weeksEndingAt,
  type ReportFactData,
} from '../../shared/statistics/statistics';
import { csvOf, tableOf, type Dashboard } from '../../shared/statistics/statistics-use-cases';

const histogram = (hours: readonly number[]) => {
  const h = new Array<number>(BUCKET_COUNT).fill(0);
  for (const value of hours) h[bucketOf(value)]! += 1;
  return h;
};

describe('median from a histogram of business hours', () => {
  test('the buckets: 1 h wide up to 24 h, 4 h up to 120 h, 24 h up to 720 h, then one open bucket', () => {
    expect([bucketOf(0), bucketOf(0.99), bucketOf(1), bucketOf(23.5)]).toEqual([0, 0, 1, 23]);
    expect([bucketOf(24), bucketOf(27.9), bucketOf(28)]).toEqual([24, 24, 25]);
    expect(BUCKET_BOUNDS[BUCKET_BOUNDS.length - 1]).toBe(720);
    expect(bucketOf(5000)).toBe(BUCKET_COUNT - 1);
  });

  test('an empty histogram has no median', () => {
    expect(medianOf(histogram([]))).toBeNull();
  });

  test('the middle value is found in its bucket, interpolated within it', () => {
    // 0.2 | 3.5 | 30: the middle one lies in [3, 4), the half rank falls in its middle.
    expect(medianOf(histogram([0.2, 3.5, 30]))).toBe(3.5);
    // Two values in [2, 3) and two in [10, 11): the median is the top of the first bucket.
    expect(medianOf(histogram([2.1, 2.9, 10.2, 10.8]))).toBe(3);
    // Coarser buckets further out: 100 h lies in [96, 100), 101 in [100, 104).
    expect(medianOf(histogram([101]))).toBe(102);
  });

  test('a median beyond 720 h is said as 720 (or more)', () => {
    expect(medianOf(histogram([800, 900, 1]))).toBe(OPEN_BUCKET_FLOOR);
  });

  test('the medians stay within a bucket of the exact median of many values', () => {
    const values = Array.from({ length: 101 }, (_, i) => (i * 7.3) % 200);
    const exact = [...values].sort((a, b) => a - b)[50]!;
    const read = medianOf(histogram(values))!;
    const bucket = bucketOf(exact);
    const width = BUCKET_BOUNDS[bucket]! - (bucket === 0 ? 0 : BUCKET_BOUNDS[bucket - 1]!);
    expect(Math.abs(read - exact)).toBeLessThanOrEqual(width);
  });
});

describe('months and weeks, on a wall calendar in Paris', () => {
  test('an instant counts in its Paris month, not its UTC one', () => {
    expect(monthOf('2026-01-31T22:59:59.000Z')).toBe('2026-01');
    expect(monthOf('2026-01-31T23:00:00.000Z')).toBe('2026-02'); // midnight in Paris (UTC+1)
    expect(monthOf('2026-07-31T22:30:00.000Z')).toBe('2026-08'); // summer time, UTC+2
  });

  test('ISO weeks: the week of a Thursday decides its year', () => {
    expect(isoWeekOfDate('2026-01-01')).toBe('2026-W01'); // a Thursday
    expect(isoWeekOfDate('2027-01-01')).toBe('2026-W53'); // a Friday
    expect(isoWeekOfDate('2024-12-30')).toBe('2025-W01'); // a Monday
    expect(weekOf('2026-11-29T23:30:00.000Z')).toBe('2026-W49'); // Monday 30 Nov in Paris
  });

  test('periods: months between, months before, the weeks ending with the current one', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthMinus('2026-03', 11)).toBe('2025-04');
    // Wednesday 7 January 2026 is in week 2 (week 1 began on Monday 29 December).
    expect(weeksEndingAt(Date.parse('2026-01-07T12:00:00Z'), 3)).toEqual(['2025-W52', '2026-W01', '2026-W02']);
  });
});

describe('what a report event adds', () => {
  const data: ReportFactData = {
    reportId: '01KB0000000000000000000000',
    commune: '31555',
    category: 'voirie',
    bodyId: '243100518',
    filedAt: '2026-03-02T08:00:00.000Z',
    at: '2026-03-03T09:00:00.000Z',
    dueAt: '2026-03-05T17:00:00.000Z',
  };
  const fiveHours = () => 5;

  test('filing counts in the month of filing', () => {
    expect(reportParts({ kind: 'filed', data: { ...data, at: data.filedAt! } }, fiveHours)).toEqual([
      { month: '2026-03', commune: '31555', category: 'voirie', add: { filed: 1 } },
    ]);
  });

  test('the first acknowledgement counts once per report, with its duration bucket', () => {
    const [part] = reportParts(
      { kind: 'status-changed', data: { ...data, from: 'new', to: 'acknowledged', reopened: false } },
      fiveHours,
    );
    expect(part).toMatchObject({ once: 'acknowledged', add: { acknowledged: 1 }, toAcknowledgeBucket: 5 });
  });

  test('a resolution before its due date is within target, after it missed; each judged once', () => {
    const resolve = (at: string) =>
      reportParts(
        { kind: 'status-changed', data: { ...data, at, from: 'in_progress', to: 'resolved', reopened: false } },
        fiveHours,
      );
    expect(resolve('2026-03-04T10:00:00.000Z')).toEqual([
      expect.objectContaining({ once: 'resolved', add: { resolved: 1 }, toResolveBucket: 5 }),
      expect.objectContaining({ once: 'judged', add: { withinTarget: 1 } }),
    ]);
    expect(resolve('2026-03-06T10:00:00.000Z')[1]).toMatchObject({ once: 'judged', add: { missedTarget: 1 } });
  });

  test('going overdue misses the target (once per report), a reopening is counted, a start is not', () => {
    expect(reportParts({ kind: 'overdue', data }, fiveHours)).toEqual([
      expect.objectContaining({ add: { overdue: 1 } }),
      expect.objectContaining({ once: 'judged', add: { missedTarget: 1 } }),
    ]);
    const change = (from: string, to: string, reopened = false) =>
      reportParts({ kind: 'status-changed', data: { ...data, from, to, reopened } }, fiveHours);
    expect(change('resolved', 'in_progress', true)).toEqual([expect.objectContaining({ add: { reopened: 1 } })]);
    expect(change('acknowledged', 'in_progress')).toEqual([]);
    expect(change('new', 'rejected')).toEqual([expect.objectContaining({ add: { rejected: 1 } })]);
  });

  test('an event without the filing time reads it from the report id (a ULID)', () => {
    const { filedAt: _none, ...old } = data;
    const seen: string[] = [];
    reportParts(
      { kind: 'status-changed', data: { ...old, from: 'new', to: 'acknowledged', reopened: false } },
      (from) => {
        seen.push(from);
        return 1;
      },
    );
    expect(Date.parse(seen[0]!)).toBeGreaterThan(Date.parse('2020-01-01T00:00:00Z'));
  });

  test('the share within target counts missed reports in the denominator', () => {
    const figures = emptyFigures();
    const summary = summarize({ ...figures, counts: { ...figures.counts, withinTarget: 3, missedTarget: 1 } });
    expect(summary).toMatchObject({ judged: 4, withinTarget: 3, shareWithinTarget: 0.75 });
  });
});

describe('a table as CSV', () => {
  const dashboard: Dashboard = {
    territory: '243100518',
    from: '2026-01',
    to: '2026-01',
    communeFixed: false,
    communes: [],
    categories: [],
    byMonth: [{ key: '2026-01', label: '2026-01', ...summarize(emptyFigures()) }],
    byCommune: [],
    byCategory: [],
    alertsByWeek: [],
    consultations: [
      {
        consultationId: '01KC',
        title: '=HYPERLINK("http://example.org"), "et" plus',
        phase: 'voting',
        proposals: 2,
        supports: 5,
        comments: 1,
        ballots: 3,
      },
    ],
  };

  test('a header, one row per month, empty cells for a median with nothing measured', () => {
    expect(csvOf(tableOf(dashboard, 'sla-par-mois')).split('\r\n')).toEqual([
      'mois,commune,categorie,deposes,pris_en_compte,resolus,rejetes,doublons,passes_en_retard,dans_le_delai,juges,part_dans_le_delai,mediane_heures_prise_en_compte,mediane_heures_resolution',
      '2026-01,toutes,toutes,0,0,0,0,0,0,0,0,,,',
      '',
    ]);
  });

  test('text a spreadsheet would run as a formula is written as text, quoted as RFC 4180 says', () => {
    expect(csvOf(tableOf(dashboard, 'participation')).split('\r\n')[1]).toBe(
      `01KC,"'=HYPERLINK(""http://example.org""), ""et"" plus",voting,toutes,2,5,1,3`,
    );
  });
});
