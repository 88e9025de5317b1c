/**
 * Where an open report stands against its due date, in its body's business hours (pure: the
 * inbox and the report page of the back office show it as a coloured tag with its words).
 */
import { businessHoursBetween, type BusinessCalendar } from '../calendar/business-calendar';
import { localDateOf } from '../calendar/local-date';
import { isOpen, type Report } from '../reports/report';

export type SlaKind = 'on-time' | 'due-today' | 'overdue' | 'none' | 'closed';
export interface SlaState {
  readonly kind: SlaKind;
  /** Business hours left (on time, due today) or past due (overdue). */
  readonly hours?: number;
}

/**
 * Where a report stands against its due date in its body's calendar: overdue past it (or flagged by
 * the SLA engine), due today when it falls on today's date in the body's time zone, else on time.
 */
export const slaStateOf = (report: Report, calendar: BusinessCalendar, now: Date): SlaState => {
  if (!isOpen(report.status)) return { kind: 'closed' };
  if (!report.dueAt) return { kind: 'none' };
  const due = new Date(report.dueAt);
  if (report.overdue || due.getTime() < now.getTime()) {
    return { kind: 'overdue', hours: Math.max(0, businessHoursBetween(calendar, due, now)) };
  }
  const hours = businessHoursBetween(calendar, now, due);
  const today = localDateOf(now.getTime(), calendar.timeZone) === localDateOf(due.getTime(), calendar.timeZone);
  return { kind: today ? 'due-today' : 'on-time', hours };
};
