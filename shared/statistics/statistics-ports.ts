/** What the statistics use cases need from storage (statistics-store.ts is the DynamoDB adapter). */
import type { AlertSeverity, AlertWeek, ReportFigures, ReportPart } from './statistics';

export type Applied = 'applied' | 'already-counted';

export interface MonthFigures {
  readonly month: string;
  readonly figures: ReportFigures;
}

export interface StatisticsStore {
  /**
   * Adds an event's parts to their counters once: a second call with the same event id adds
   * nothing, and a part marked `once` is dropped when its fact was already counted for the report.
   */
  applyReportParts(siren: string, eventId: string, reportId: string, parts: readonly ReportPart[]): Promise<Applied>;
  /** Counts one opened alert in its week, for its commune and the whole territory, once per event. */
  applyAlertOpened(
    siren: string,
    eventId: string,
    alert: { readonly week: string; readonly commune: string; readonly severity: AlertSeverity },
  ): Promise<Applied>;
  /** The months of one cell (a commune or all, a category or all) from..to, only those with figures. */
  reportSeries(siren: string, commune: string, category: string, from: string, to: string): Promise<MonthFigures[]>;
  /** Each commune's figures per month from..to, for one category or all. */
  reportsByCommune(
    siren: string,
    category: string,
    from: string,
    to: string,
  ): Promise<(MonthFigures & { readonly commune: string })[]>;
  /** Each category's figures per month from..to, for one commune or all. */
  reportsByCategory(
    siren: string,
    commune: string,
    from: string,
    to: string,
  ): Promise<(MonthFigures & { readonly category: string })[]>;
  /** Alerts opened per week from..to (ISO weeks), for one commune or all; weeks without any are absent. */
  alertWeeks(siren: string, commune: string, from: string, to: string): Promise<AlertWeek[]>;
}
