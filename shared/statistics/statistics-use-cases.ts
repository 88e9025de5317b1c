/**
 * The statistics use cases: the consumer's counting of report and sensor events, and the
 * dashboards' reading of the counters (never of the reports themselves). Who reads: the territory's
 * agents and admins — direction and elected officials sign in as agents (there is no role of its
 * own for them); a commune agent reads their commune's figures only.
 */
import { businessHoursBetween, defaultBodyCalendar } from '../calendar/business-calendar';
import type { Clock } from '../kernel/clock';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../kernel/errors';
import type { Principal } from '../kernel/principal';
import type { Body } from '../territory/territory';
import {
  addFigures,
  ALERT_SEVERITIES,
  ALL,
  emptyFigures,
  monthMinus,
  monthOf,
  monthsBetween,
  reportParts,
  summarize,
  weekOf,
  weeksEndingAt,
  type AlertSeverity,
  type AlertWeek,
  type ConsultationFigures,
  type ReportFact,
  type ReportFigures,
  type SlaSummary,
} from './statistics';
import { formatCsv } from '../portfolio/csv';
import type { Applied, StatisticsStore } from './statistics-ports';

/** The longest period a dashboard reads, and the default one. */
export const MAX_MONTHS = 24;
export const DEFAULT_MONTHS = 12;
export const ALERT_WEEKS = 12;

/** What the statistics need of the other contexts. */
export interface StatisticsDirectory {
  listBodies(siren: string): Promise<readonly Body[]>;
  communeNames(siren: string): Promise<ReadonlyMap<string, string>>;
  categoryNames(siren: string): Promise<ReadonlyMap<string, string>>;
  /** The newest consultations of the territory with their counters (existing counters, no list read). */
  consultations(siren: string, limit: number): Promise<readonly ConsultationFigures[]>;
}

export interface StatisticsDeps {
  readonly store: StatisticsStore;
  readonly directory: StatisticsDirectory;
  readonly clock: Clock;
}

/** An event the consumer takes, as the wiring hands it over (data already parsed). */
export type CountedEvent =
  | {
      readonly id: string;
      readonly territory: string;
      readonly type: 'reports.filed';
      readonly data: ReportFact['data'];
    }
  | {
      readonly id: string;
      readonly territory: string;
      readonly type: 'reports.status-changed';
      readonly data: Extract<ReportFact, { kind: 'status-changed' }>['data'];
    }
  | {
      readonly id: string;
      readonly territory: string;
      readonly type: 'reports.overdue';
      readonly data: ReportFact['data'];
    }
  | {
      readonly id: string;
      readonly territory: string;
      readonly type: 'sensors.alert-opened';
      readonly data: { readonly commune: string; readonly severity: AlertSeverity; readonly openedAt: string };
    };

export interface DashboardQuery {
  /** First and last month, 'YYYY-MM' (default: the 12 months ending with this one). */
  readonly from?: string;
  readonly to?: string;
  readonly commune?: string;
  readonly category?: string;
}

export interface SlaRow extends SlaSummary {
  readonly key: string;
  readonly label: string;
}

export interface Dashboard {
  readonly territory: string;
  readonly from: string;
  readonly to: string;
  /** The commune the figures are limited to (a commune agent's own, or the filter). */
  readonly commune?: string;
  readonly category?: string;
  /** A commune agent cannot widen the scope. */
  readonly communeFixed: boolean;
  readonly communes: readonly { readonly code: string; readonly name: string }[];
  readonly categories: readonly { readonly code: string; readonly name: string }[];
  /** One row per month of the period (zeros when nothing happened). */
  readonly byMonth: readonly SlaRow[];
  /** Over the period, per commune and per category, most reports first. */
  readonly byCommune: readonly SlaRow[];
  readonly byCategory: readonly SlaRow[];
  readonly alertsByWeek: readonly AlertWeek[];
  readonly consultations: readonly ConsultationFigures[];
}

/** The dashboard's tables, as CSV names them. */
export const TABLES = [
  'sla-par-mois',
  'sla-par-commune',
  'sla-par-categorie',
  'alertes-par-semaine',
  'participation',
] as const;
export type TableName = (typeof TABLES)[number];

export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly (string | number | null)[])[];
}

const SLA_COLUMNS = [
  'deposes',
  'pris_en_compte',
  'resolus',
  'rejetes',
  'doublons',
  'passes_en_retard',
  'dans_le_delai',
  'juges',
  'part_dans_le_delai',
  'mediane_heures_prise_en_compte',
  'mediane_heures_resolution',
] as const;

const slaCells = (s: SlaSummary) => [
  s.filed,
  s.acknowledged,
  s.resolved,
  s.rejected,
  s.duplicate,
  s.wentOverdue,
  s.withinTarget,
  s.judged,
  s.shareWithinTarget,
  s.medianHoursToAcknowledge,
  s.medianHoursToResolve,
];

const byFiled = (a: SlaRow, b: SlaRow) => b.filed - a.filed || a.key.localeCompare(b.key);

/** The rows of a dashboard's table, the same the page shows. */
export const tableOf = (d: Dashboard, name: TableName): Table => {
  switch (name) {
    case 'sla-par-mois':
      return {
        header: ['mois', 'commune', 'categorie', ...SLA_COLUMNS],
        rows: d.byMonth.map((r) => [r.key, d.commune ?? 'toutes', d.category ?? 'toutes', ...slaCells(r)]),
      };
    case 'sla-par-commune':
      return {
        header: ['du', 'au', 'commune', 'nom', 'categorie', ...SLA_COLUMNS],
        rows: d.byCommune.map((r) => [d.from, d.to, r.key, r.label, d.category ?? 'toutes', ...slaCells(r)]),
      };
    case 'sla-par-categorie':
      return {
        header: ['du', 'au', 'commune', 'categorie', 'nom', ...SLA_COLUMNS],
        rows: d.byCategory.map((r) => [d.from, d.to, d.commune ?? 'toutes', r.key, r.label, ...slaCells(r)]),
      };
    case 'alertes-par-semaine':
      return {
        header: ['semaine', 'commune', 'ouvertes', ...ALERT_SEVERITIES],
        rows: d.alertsByWeek.map((w) => [
          w.week,
          d.commune ?? 'toutes',
          w.opened,
          ...ALERT_SEVERITIES.map((s) => w.bySeverity[s]),
        ]),
      };
    case 'participation':
      return {
        header: ['consultation', 'titre', 'phase', 'commune', 'propositions', 'soutiens', 'commentaires', 'bulletins'],
        rows: d.consultations.map((c) => [
          c.consultationId,
          c.title,
          c.phase,
          c.commune ?? 'toutes',
          c.proposals,
          c.supports,
          c.comments,
          c.ballots,
        ]),
      };
  }
};

export const makeStatisticsUseCases = ({ store, directory, clock }: StatisticsDeps) => {
  /** Business hours between two instants in the calendar of the body handling the report. */
  const hoursFor = async (siren: string, bodyId: string) => {
    // A territory gone meanwhile has no calendar left: the default one, rather than a message for the DLQ.
    const bodies = await directory.listBodies(siren).catch((error: unknown) => {
      if (error instanceof NotFoundError) return [];
      throw error;
    });
    const body = bodies.find((b) => b.id === bodyId);
    const calendar = body?.sla?.calendar ?? defaultBodyCalendar;
    return (from: string, to: string) =>
      Date.parse(to) <= Date.parse(from) ? 0 : businessHoursBetween(calendar, new Date(from), new Date(to));
  };

  /** The commune a reader may see: a commune agent's own, whatever they ask (another one is refused). */
  const scopeOf = (principal: Principal, siren: string, commune: string | undefined) => {
    if ((principal.role !== 'agent' && principal.role !== 'admin') || principal.territory !== siren) {
      throw new ForbiddenError(`Only the agents and admins of territory ${siren} may read its dashboards`);
    }
    if (principal.role === 'agent' && principal.commune !== undefined) {
      if (commune !== undefined && commune !== principal.commune) {
        throw new ForbiddenError(`An agent of commune ${principal.commune} may not read commune ${commune}'s figures`);
      }
      return { commune: principal.commune, fixed: true };
    }
    return { commune, fixed: false };
  };

  const periodOf = (query: DashboardQuery) => {
    const to = query.to ?? monthOf(clock.now().getTime());
    const from = query.from ?? monthMinus(to, DEFAULT_MONTHS - 1);
    if (from > to) {
      throw new InvalidInputError(`The period is empty: from (${from}) is after to (${to})`, [
        { path: 'query.du', message: 'must not be after au' },
      ]);
    }
    const months = monthsBetween(from, to);
    if (months.length > MAX_MONTHS) {
      throw new InvalidInputError(`A dashboard covers ${MAX_MONTHS} months at most`, [
        { path: 'query.du', message: `at most ${MAX_MONTHS} months before au` },
      ]);
    }
    return { from, to, months };
  };

  return {
    /**
     * The consumer: an event's contribution to the counters, once per event id (a redelivery adds
     * nothing). Reports' durations are business hours in the handling body's calendar, read now.
     */
    record: async (event: CountedEvent): Promise<Applied | 'nothing-to-count'> => {
      if (event.type === 'sensors.alert-opened') {
        return store.applyAlertOpened(event.territory, event.id, {
          week: weekOf(event.data.openedAt),
          commune: event.data.commune,
          severity: event.data.severity,
        });
      }
      const fact: ReportFact =
        event.type === 'reports.filed'
          ? { kind: 'filed', data: event.data }
          : event.type === 'reports.overdue'
            ? { kind: 'overdue', data: event.data }
            : { kind: 'status-changed', data: event.data };
      const needsHours = fact.kind === 'status-changed' && ['acknowledged', 'resolved'].includes(fact.data.to);
      const hours = needsHours ? await hoursFor(event.territory, event.data.bodyId) : () => 0;
      const parts = reportParts(fact, hours);
      if (parts.length === 0) return 'nothing-to-count';
      return store.applyReportParts(event.territory, event.id, event.data.reportId, parts);
    },

    /** Primary course: an agent or admin of the territory reads its dashboards for a period. */
    dashboard: async (principal: Principal, siren: string, query: DashboardQuery = {}): Promise<Dashboard> => {
      const scope = scopeOf(principal, siren, query.commune);
      const { from, to, months } = periodOf(query);
      const commune = scope.commune ?? ALL;
      const category = query.category ?? ALL;
      const [communeNames, categoryNames, series, communes, categories, alerts, consultations] = await Promise.all([
        directory.communeNames(siren),
        directory.categoryNames(siren),
        store.reportSeries(siren, commune, category, from, to),
        commune === ALL ? store.reportsByCommune(siren, category, from, to) : undefined,
        category === ALL ? store.reportsByCategory(siren, commune, from, to) : undefined,
        (() => {
          const weeks = weeksEndingAt(clock.now().getTime(), ALERT_WEEKS);
          return store
            .alertWeeks(siren, commune, weeks[0]!, weeks[weeks.length - 1]!)
            .then((found) => weeks.map((week) => found.find((w) => w.week === week) ?? emptyWeek(week)));
        })(),
        directory.consultations(siren, 20),
      ]);
      const total = series.reduce((sum, m) => addFigures(sum, m.figures), emptyFigures());
      const rowsOf = (
        entries: readonly { key: string; figures: ReportFigures }[],
        names: ReadonlyMap<string, string>,
      ) => {
        const merged = new Map<string, ReportFigures>();
        for (const e of entries) merged.set(e.key, addFigures(merged.get(e.key) ?? emptyFigures(), e.figures));
        return [...merged.entries()]
          .map(([key, figures]): SlaRow => ({ key, label: names.get(key) ?? key, ...summarize(figures) }))
          .sort(byFiled);
      };
      const single = (key: string, names: ReadonlyMap<string, string>): SlaRow[] =>
        series.length === 0 ? [] : [{ key, label: names.get(key) ?? key, ...summarize(total) }];
      return {
        territory: siren,
        from,
        to,
        ...(scope.commune ? { commune: scope.commune } : {}),
        ...(query.category ? { category: query.category } : {}),
        communeFixed: scope.fixed,
        communes: [...communeNames.entries()].map(([code, name]) => ({ code, name })),
        categories: [...categoryNames.entries()].map(([code, name]) => ({ code, name })),
        byMonth: months.map((month) => {
          const found = series.find((m) => m.month === month);
          return { key: month, label: month, ...summarize(found?.figures ?? emptyFigures()) };
        }),
        byCommune: communes
          ? rowsOf(
              communes.map((c) => ({ key: c.commune, figures: c.figures })),
              communeNames,
            )
          : single(commune, communeNames),
        byCategory: categories
          ? rowsOf(
              categories.map((c) => ({ key: c.category, figures: c.figures })),
              categoryNames,
            )
          : single(category, categoryNames),
        alertsByWeek: alerts,
        consultations: consultations.filter((c) => commune === ALL || c.commune === commune),
      };
    },
  };
};

const emptyWeek = (week: string): AlertWeek => ({
  week,
  opened: 0,
  bySeverity: Object.fromEntries(ALERT_SEVERITIES.map((s) => [s, 0])) as AlertWeek['bySeverity'],
});

export type StatisticsUseCases = ReturnType<typeof makeStatisticsUseCases>;

/** A cell that a spreadsheet would read as a formula (=, +, -, @ first) is written as text. */
const FORMULA = /^[=+\-@\t\r]/;
const cellText = (value: string | number | null): string =>
  value === null ? '' : typeof value === 'number' ? String(value) : FORMULA.test(value) ? `'${value}` : value;

/** A table as CSV (RFC 4180, CRLF), empty cells for "no value" (a median with nothing to measure). */
export const csvOf = (table: Table): string => formatCsv([table.header, ...table.rows.map((row) => row.map(cellText))]);
