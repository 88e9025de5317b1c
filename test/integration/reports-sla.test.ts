/**
 * The SLA engine against DynamoDB Local: due dates in the body's business hours (weekends,
 * French public holidays, closures), overdue detection by the scheduled trigger with a fixed
 * clock, escalation once, and a commune's SLA statistics.
 */
import { defaultBodyCalendar } from '../../shared/calendar/business-calendar';
import type { Report } from '../../shared/reports/report';
import {
  admin,
  CAPITOLE,
  metropolitanAgent,
  citizen,
  north,
  pothole,
  setUpReports,
  SIREN,
  TOULOUSE,
  type ReportsFixture,
} from '../support/reports-fixtures';

let reports: ReportsFixture['reports'];
let sla: ReportsFixture['sla'];
let territory: ReportsFixture['territory'];
let store: ReportsFixture['store'];
let clock: ReportsFixture['clock'];

const at = (iso: string) => clock.set(iso);
const file = (metres: number) => reports.fileReport(citizen(`c-${metres}`), SIREN, pothole(north(CAPITOLE, metres)));
const move = (report: Pick<Report, 'id' | 'version'>, to: Report['status']) =>
  reports.changeStatus(metropolitanAgent, SIREN, report.id, { to, version: report.version });

/** The report as stored, escalation time included (public views leave it out). */
const stored = async (id: string) => (await store.get(SIREN, id))!;

beforeAll(async () => {
  ({ reports, sla, territory, store, clock } = await setUpReports('reports-sla', { start: '2026-05-07T14:00:00Z' }));
});

describe('due dates in business hours', () => {
  let first: Report;

  test('40 business hours from Thursday 16:00 skip the 8 May holiday, a weekend and Ascension Thursday', async () => {
    at('2026-05-07T14:00:00Z'); // Thursday 7 May 2026, 16:00 in Paris
    first = await file(0);
    // Thu 1.5 h, Fri 8 May off, Mon 7.5, Tue 7.5, Wed 7.5, Thu 14 May (Ascension) off, Fri 7.5, Mon 7.5:
    // 39 h; the last hour on Tuesday 19 May from 08:30 — due at 09:30 Paris time.
    expect(first.dueAt).toBe('2026-05-19T07:30:00.000Z');
  });

  test("a closure in the body's calendar pushes the due date by its working days", async () => {
    await territory.saveBodySla(admin, SIREN, SIREN, {
      calendar: { ...defaultBodyCalendar, closures: [{ from: '2026-05-11', to: '2026-05-12', reason: 'Pont' }] },
      escalationEmails: ['direction.voirie@example.fr'],
    });
    at('2026-05-07T14:00:00Z');
    const second = await file(30);
    expect(second.dueAt).toBe('2026-05-21T07:30:00.000Z');
  });

  describe('overdue detection by the scheduled trigger', () => {
    test('before the due date nothing is flagged', async () => {
      at('2026-05-19T07:00:00Z');
      expect(await sla.detectOverdue()).toEqual({ flagged: 0, escalated: 0 });
    });

    test('past it, the report is flagged overdue, publicly, and escalated once', async () => {
      at('2026-05-19T08:00:00Z');
      expect(await sla.detectOverdue()).toEqual({ flagged: 1, escalated: 1 });
      expect((await reports.getPublic(SIREN, first.id)).report.overdue).toBe(true);
      expect((await stored(first.id)).escalatedAt).toBe('2026-05-19T08:00:00.000Z');
      expect(await sla.detectOverdue()).toEqual({ flagged: 0, escalated: 0 });
    });

    test('an agent acknowledging it later keeps it overdue, and it is not escalated a second time', async () => {
      at('2026-05-19T09:00:00Z');
      const acknowledged = await move(first, 'acknowledged');
      expect(acknowledged.overdue).toBe(true);
      expect(await sla.detectOverdue()).toEqual({ flagged: 0, escalated: 0 });
      expect((await stored(first.id)).escalatedAt).toBe('2026-05-19T08:00:00.000Z');
    });

    test('a report resolved in time is never flagged', async () => {
      at('2026-05-20T08:00:00Z');
      const onTime = await file(60);
      at('2026-05-20T12:00:00Z');
      await move(await move(onTime, 'acknowledged'), 'resolved');
      at('2026-06-30T08:00:00Z');
      await sla.detectOverdue();
      expect((await reports.getPublic(SIREN, onTime.id)).report.overdue).toBe(false);
    });
  });
});

describe("a commune's SLA statistics", () => {
  test('count open overdue reports in the share within target, and give medians in business hours', async () => {
    at('2026-06-30T08:00:00Z');
    const stats = await sla.statistics(SIREN, TOULOUSE, { from: '2026-05-01T00:00:00Z' });
    const voirie = stats.categories.find((c) => c.category === 'voirie')!;
    // Filed: first (acknowledged, open, past due), second (open, past due), onTime (resolved in time).
    expect(voirie).toMatchObject({
      filed: 3,
      acknowledged: 2,
      resolved: 1,
      judged: 3,
      withinTarget: 1,
      openOverdue: 2,
    });
    expect(voirie.shareWithinTarget).toBeCloseTo(1 / 3, 3);
    // onTime: filed Wed 20 May 10:00, acknowledged and resolved at 14:00 Paris: 2.5 business hours (lunch off).
    expect(voirie.medianHoursToResolve).toBe(2.5);
  });

  test('for an unknown commune: not found', async () => {
    await expect(sla.statistics(SIREN, '99999')).rejects.toThrow(/No commune 99999/);
  });

  test('for a period whose from is after its to: refused as input, saying so', async () => {
    await expect(
      sla.statistics(SIREN, TOULOUSE, { from: '2026-06-01T00:00:00Z', to: '2026-05-01T00:00:00Z' }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/from .* is after to/),
      issues: [{ path: 'query.from' }],
    });
  });
});

describe('a calendar that never opens', () => {
  test('is refused (422), and the body keeps the calendar it had', async () => {
    const before = (await territory.listBodies(SIREN)).find((b) => b.id === SIREN)?.sla;
    const closedAllYear = { ...defaultBodyCalendar, closures: [{ from: '2026-01-01', to: '2027-12-31' }] };
    await expect(
      territory.saveBodySla(admin, SIREN, SIREN, { calendar: closedAllYear, escalationEmails: [] }),
    ).rejects.toMatchObject({ rule: 'calendar-never-opens' });
    await expect(
      territory.saveBodySla(admin, SIREN, SIREN, {
        calendar: { ...defaultBodyCalendar, week: {} },
        escalationEmails: [],
      }),
    ).rejects.toMatchObject({ rule: 'calendar-never-opens' });
    expect((await territory.listBodies(SIREN)).find((b) => b.id === SIREN)?.sla).toEqual(before);
    // Closed for a month only: accepted.
    const shortClosure = { ...defaultBodyCalendar, closures: [{ from: '2026-08-01', to: '2026-08-31' }] };
    await expect(
      territory.saveBodySla(admin, SIREN, SIREN, { calendar: shortClosure, escalationEmails: [] }),
    ).resolves.toMatchObject({ calendar: shortClosure });
  });
});
