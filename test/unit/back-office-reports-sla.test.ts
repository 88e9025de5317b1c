/**
 * The time left of a report as the back office shows it: in its body's business hours (the
 * default calendar: weekdays 8:30–12:00 and 13:30–17:30, Paris time), due today when the due date
 * falls on today's date there, overdue past it or once the SLA engine flagged it.
 */
import { defaultBodyCalendar } from '../../shared/calendar/business-calendar';
import { slaStateOf } from '../../shared/portal/back-office-reports-sla';
import type { Report } from '../../shared/reports/report';

/** Monday 4 May 2026, 10:00 in Paris. */
const NOW = new Date('2026-05-04T08:00:00Z');

const report = (extra: Partial<Report>): Report =>
  ({ status: 'new', overdue: false, createdAt: '2026-05-01T08:00:00Z', ...extra }) as Report;

const at = (dueAt: string, extra: Partial<Report> = {}) =>
  slaStateOf(report({ dueAt, ...extra }), defaultBodyCalendar, NOW);

describe('the time left in business hours', () => {
  test('due later today: due today, with the business hours left (lunch break excluded)', () => {
    expect(at('2026-05-04T14:00:00Z')).toEqual({ kind: 'due-today', hours: 4.5 });
  });

  test('due on Wednesday: on time, counting only opening hours', () => {
    expect(at('2026-05-06T08:00:00Z')).toEqual({ kind: 'on-time', hours: 15 });
  });

  test('past due: overdue by the business hours since', () => {
    expect(at('2026-05-04T07:00:00Z')).toEqual({ kind: 'overdue', hours: 1 });
  });

  test('flagged by the SLA engine: overdue, whatever the clock says', () => {
    expect(at('2026-05-06T08:00:00Z', { overdue: true })).toMatchObject({ kind: 'overdue' });
  });

  test('a closed report has no time left; an open one without target has no deadline', () => {
    expect(at('2026-05-04T07:00:00Z', { status: 'resolved' })).toEqual({ kind: 'closed' });
    expect(slaStateOf(report({}), defaultBodyCalendar, NOW)).toEqual({ kind: 'none' });
  });
});
