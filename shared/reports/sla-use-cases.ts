/**
 * The SLA engine: finds reports past their due date, flags them overdue (publicly visible) and
 * escalates each to its body's managers once; and computes a commune's SLA statistics.
 */
import { defaultBodyCalendar } from '../calendar/business-calendar';
import { newEvent } from '../events/domain-event';
import type { Clock } from '../kernel/clock';
import { InvalidInputError } from '../kernel/errors';
import type { Body, Commune } from '../territory/territory';
import { refOf, REPORT_EVENTS } from './report-events';
import type { ReportStore } from './report-ports';
import { slaStatistics } from './sla';

/** The territory context, as the SLA engine sees it. */
export interface SlaTerritoryDirectory {
  listTerritories(): Promise<string[]>;
  listBodies(siren: string): Promise<Body[]>;
  getCommune(siren: string, insee: string): Promise<{ commune: Commune }>;
}

export interface SlaDeps {
  readonly reports: Pick<ReportStore, 'listPastDue' | 'markOverdue' | 'listByCommune'>;
  readonly territory: SlaTerritoryDirectory;
  readonly clock: Clock;
}

/** Statistics read at most this many reports of a commune (newest first). */
const MAX_STATISTICS_REPORTS = 5000;
const DEFAULT_WINDOW_DAYS = 90;

export const makeSlaUseCases = ({ reports, territory, clock }: SlaDeps) => ({
  /**
   * Primary course: for each territory and body, the open reports due before now and not yet
   * flagged are flagged overdue; the first time a report is, its escalation event is written with
   * the flag (the notifier tells the body's managers). Safe to run twice at once: the flag is a
   * conditional write. The store gives only what is due and not yet flagged (its work list), so a
   * run costs the same whatever the reports already flagged and left open.
   */
  detectOverdue: async (): Promise<{ flagged: number; escalated: number }> => {
    const now = clock.now().toISOString();
    let [flagged, escalated] = [0, 0];
    for (const siren of await territory.listTerritories()) {
      for (const body of await territory.listBodies(siren)) {
        for (const report of await reports.listPastDue(siren, body.id, now)) {
          const escalation = report.escalatedAt
            ? undefined
            : newEvent(clock, REPORT_EVENTS.overdue, {
                territory: siren,
                subject: `report/${report.id}`,
                data: { ...refOf(report, now), dueAt: report.dueAt!, status: report.status },
              });
          if (await reports.markOverdue(report, now, escalation)) {
            flagged++;
            if (escalation) escalated++;
          }
        }
      }
    }
    return { flagged, escalated };
  },

  /**
   * Primary course: a commune's reports filed in the period (default: the last 90 days), judged
   * with their bodies' calendars, per category and in all.
   */
  statistics: async (siren: string, insee: string, period: { from?: string; to?: string } = {}) => {
    await territory.getCommune(siren, insee);
    const now = clock.now();
    const from = period.from ?? new Date(now.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000).toISOString();
    const to = period.to ?? now.toISOString();
    if (Date.parse(from) > Date.parse(to)) {
      throw new InvalidInputError(`The period is empty: from (${from}) is after to (${to})`, [
        { path: 'query.from', message: 'must not be after to' },
      ]);
    }
    const calendars = new Map((await territory.listBodies(siren)).map((b) => [b.id, b.sla?.calendar]));
    const filed = [];
    let cursor: string | undefined;
    do {
      const page = await reports.listByCommune(siren, insee, 500, cursor, { from, to });
      filed.push(...page.items);
      cursor = page.cursor;
    } while (cursor && filed.length < MAX_STATISTICS_REPORTS);
    const stats = slaStatistics(filed, now, (bodyId) => calendars.get(bodyId) ?? defaultBodyCalendar);
    return { territory: siren, commune: insee, from, to, ...stats };
  },
});
