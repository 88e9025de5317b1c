/**
 * SLA statistics of a commune's reports, per category: how long acknowledging and resolving took
 * in the responsible body's business hours, and the share resolved within the target. Open
 * reports already past due count in that share's denominator: a body cannot look good by
 * leaving late reports open. Rejected and duplicate reports are left out; so are open reports
 * not yet due (not decided either way).
 */
import { businessHoursBetween, type BusinessCalendar } from '../calendar/business-calendar';
import { isOpen, type Report } from './report';

export interface SlaFigures {
  readonly filed: number;
  readonly acknowledged: number;
  /** Median business hours from filing to acknowledgement; null with nothing acknowledged. */
  readonly medianHoursToAcknowledge: number | null;
  readonly resolved: number;
  readonly medianHoursToResolve: number | null;
  /** Resolved reports with a target, plus open ones past it. */
  readonly judged: number;
  readonly withinTarget: number;
  /** withinTarget / judged; null when nothing could be judged. */
  readonly shareWithinTarget: number | null;
  readonly openOverdue: number;
}

export interface CategorySlaFigures extends SlaFigures {
  readonly category: string;
}

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return Math.round(value * 10) / 10;
};

const figures = (
  reports: readonly Report[],
  now: Date,
  calendarOf: (bodyId: string) => BusinessCalendar,
): SlaFigures => {
  const hours = (r: Report, until: string) =>
    businessHoursBetween(calendarOf(r.bodyId), new Date(r.createdAt), new Date(until));
  const acknowledged = reports.filter((r) => r.acknowledgedAt);
  const resolved = reports.filter((r) => r.status === 'resolved' && r.resolvedAt);
  const nowIso = now.toISOString();
  const openOverdue = reports.filter((r) => isOpen(r.status) && r.dueAt !== undefined && r.dueAt < nowIso);
  const resolvedWithTarget = resolved.filter((r) => r.dueAt !== undefined);
  const withinTarget = resolvedWithTarget.filter((r) => r.resolvedAt! <= r.dueAt!).length;
  const judged = resolvedWithTarget.length + openOverdue.length;
  return {
    filed: reports.length,
    acknowledged: acknowledged.length,
    medianHoursToAcknowledge: median(acknowledged.map((r) => hours(r, r.acknowledgedAt!))),
    resolved: resolved.length,
    medianHoursToResolve: median(resolved.map((r) => hours(r, r.resolvedAt!))),
    judged,
    withinTarget,
    shareWithinTarget: judged === 0 ? null : Math.round((withinTarget / judged) * 1000) / 1000,
    openOverdue: openOverdue.length,
  };
};

export const slaStatistics = (
  reports: readonly Report[],
  now: Date,
  calendarOf: (bodyId: string) => BusinessCalendar,
): { readonly all: SlaFigures; readonly categories: readonly CategorySlaFigures[] } => {
  const byCategory = new Map<string, Report[]>();
  for (const r of reports) byCategory.set(r.category, [...(byCategory.get(r.category) ?? []), r]);
  return {
    all: figures(reports, now, calendarOf),
    categories: [...byCategory.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([category, list]) => ({ category, ...figures(list, now, calendarOf) })),
  };
};
