/**
 * The dashboards' counters against DynamoDB Local: each event counts once whatever the
 * redeliveries (concurrent ones included), a report is judged against its target once, a report
 * resolved again after reopening is resolved once, alerts count per week, and the dashboard reads
 * its scope: a commune agent their commune only.
 */
import { businessHoursBetween, defaultBodyCalendar } from '../../shared/calendar/business-calendar';
import type { Principal } from '../../shared/kernel/principal';
import type { Clock } from '../../shared/kernel/clock';
import { useFreshTable } from '../support/integration-table';

const SIREN = '243100518';
const now = new Date('2026-03-20T10:00:00.000Z');
const clock: Clock = { now: () => now };

let statistics: ReturnType<(typeof import('../../shared/statistics/statistics-use-cases'))['makeStatisticsUseCases']>;
let errors: typeof import('../../shared/kernel/errors');
let stats: typeof import('../../shared/statistics/statistics');

const admin: Principal = { sub: 'admin', role: 'admin', territory: SIREN, issuer: 'test' };
const metropolitan: Principal = { sub: 'metro', role: 'agent', territory: SIREN, issuer: 'test' };
const colomiers: Principal = { sub: 'colo', role: 'agent', territory: SIREN, commune: '31149', issuer: 'test' };

let n = 0;
const eventId = () => `01KSTAT${String(++n).padStart(19, '0')}`;

const ref = (reportId: string, commune = '31555', category = 'voirie') => ({
  reportId,
  commune,
  category,
  bodyId: SIREN,
  filedAt: '2026-03-02T08:00:00.000Z',
  dueAt: '2026-03-10T17:00:00.000Z',
});
const filed = (reportId: string, commune?: string, category?: string) =>
  ({
    id: eventId(),
    territory: SIREN,
    type: 'reports.filed',
    data: { ...ref(reportId, commune, category), at: '2026-03-02T08:00:00.000Z' },
  }) as const;
const moved = (reportId: string, from: string, to: string, at: string, reopened = false) =>
  ({
    id: eventId(),
    territory: SIREN,
    type: 'reports.status-changed',
    data: { ...ref(reportId), from, to, at, reopened },
  }) as const;

const month = async (principal = admin, query = {}) =>
  (await statistics.dashboard(principal, SIREN, { from: '2026-03', to: '2026-03', ...query })).byMonth[0]!;

beforeAll(async () => {
  await useFreshTable('statistics');
  const { makeStatisticsUseCases } = await import('../../shared/statistics/statistics-use-cases');
  const { dynamoStatisticsStore } = await import('../../shared/statistics/statistics-store');
  errors = await import('../../shared/kernel/errors');
  stats = await import('../../shared/statistics/statistics');
  statistics = makeStatisticsUseCases({
    store: dynamoStatisticsStore,
    clock,
    directory: {
      listBodies: async () => [],
      communeNames: async () =>
        new Map([
          ['31555', 'Toulouse'],
          ['31149', 'Colomiers'],
        ]),
      categoryNames: async () => new Map([['voirie', 'Voirie']]),
      consultations: async () => [],
    },
  });
});

test('an event delivered three times, twice at once, counts once', async () => {
  const event = filed('01KREPORT0000000000000001');
  const outcomes = await Promise.all([statistics.record(event), statistics.record(event)]);
  expect([...outcomes].sort()).toEqual(['already-counted', 'applied']);
  await expect(statistics.record(event)).resolves.toBe('already-counted');
  expect(await month()).toMatchObject({ key: '2026-03', filed: 1 });
});

test('acknowledged then resolved: counted with the medians of their business hours, within target', async () => {
  const id = '01KREPORT0000000000000002';
  await statistics.record(filed(id));
  const acknowledgedAt = '2026-03-03T09:00:00.000Z';
  const resolvedAt = '2026-03-05T15:00:00.000Z';
  await statistics.record(moved(id, 'new', 'acknowledged', acknowledgedAt));
  await statistics.record(moved(id, 'acknowledged', 'resolved', resolvedAt));
  const row = await month();
  const hours = (to: string) =>
    stats.medianOf(
      (() => {
        const h = new Array<number>(stats.BUCKET_COUNT).fill(0);
        h[
          stats.bucketOf(businessHoursBetween(defaultBodyCalendar, new Date('2026-03-02T08:00:00.000Z'), new Date(to)))
        ] = 1;
        return h;
      })(),
    );
  expect(row).toMatchObject({
    filed: 2,
    acknowledged: 1,
    resolved: 1,
    withinTarget: 1,
    judged: 1,
    shareWithinTarget: 1,
    medianHoursToAcknowledge: hours(acknowledgedAt),
    medianHoursToResolve: hours(resolvedAt),
  });
  expect(row.medianHoursToResolve!).toBeGreaterThan(row.medianHoursToAcknowledge!);
});

test('reopened and resolved again: one resolution, judged once; overdue then resolved late: missed once', async () => {
  const again = '01KREPORT0000000000000003';
  await statistics.record(moved(again, 'in_progress', 'resolved', '2026-03-04T10:00:00.000Z'));
  await statistics.record(moved(again, 'resolved', 'in_progress', '2026-03-05T10:00:00.000Z', true));
  await statistics.record(moved(again, 'in_progress', 'resolved', '2026-03-12T10:00:00.000Z'));

  const late = '01KREPORT0000000000000004';
  await statistics.record({
    id: eventId(),
    territory: SIREN,
    type: 'reports.overdue',
    data: { ...ref(late), at: '2026-03-10T17:05:00.000Z' },
  });
  await statistics.record(moved(late, 'in_progress', 'resolved', '2026-03-13T10:00:00.000Z'));

  expect(await month()).toMatchObject({
    resolved: 3,
    wentOverdue: 1,
    withinTarget: 2,
    judged: 3,
    shareWithinTarget: 0.667,
  });
});

test('by commune and by category; a commune agent reads their commune only, and not another one', async () => {
  await statistics.record(filed('01KREPORT0000000000000005', '31149', 'eclairage'));
  const whole = await statistics.dashboard(metropolitan, SIREN, { from: '2026-03', to: '2026-03' });
  expect(whole.byCommune.map((r) => [r.key, r.label, r.filed])).toEqual([
    ['31555', 'Toulouse', 2],
    ['31149', 'Colomiers', 1],
  ]);
  expect(whole.byCategory.map((r) => [r.key, r.filed])).toEqual([
    ['voirie', 2],
    ['eclairage', 1],
  ]);

  const own = await statistics.dashboard(colomiers, SIREN, { from: '2026-03', to: '2026-03' });
  expect(own).toMatchObject({ commune: '31149', communeFixed: true });
  expect(own.byMonth[0]).toMatchObject({ filed: 1, resolved: 0 });
  expect(own.byCommune.map((r) => r.key)).toEqual(['31149']);
  expect(own.byCategory.map((r) => [r.key, r.filed])).toEqual([['eclairage', 1]]);

  await expect(statistics.dashboard(colomiers, SIREN, { commune: '31555' })).rejects.toBeInstanceOf(
    errors.ForbiddenError,
  );
  await expect(statistics.dashboard({ ...admin, territory: '243300316' }, SIREN, {})).rejects.toBeInstanceOf(
    errors.ForbiddenError,
  );
  await expect(statistics.dashboard(admin, SIREN, { from: '2026-04', to: '2026-03' })).rejects.toBeInstanceOf(
    errors.InvalidInputError,
  );
  await expect(statistics.dashboard(admin, SIREN, { from: '2023-01', to: '2026-03' })).rejects.toBeInstanceOf(
    errors.InvalidInputError,
  );
});

test('sensor alerts count per week and commune, once per event', async () => {
  const alert = {
    id: eventId(),
    territory: SIREN,
    type: 'sensors.alert-opened',
    data: { commune: '31149', severity: 'critical', openedAt: '2026-03-18T10:00:00.000Z' },
  } as const;
  await Promise.all([statistics.record(alert), statistics.record(alert)]);
  await statistics.record({
    ...alert,
    id: eventId(),
    data: { ...alert.data, commune: '31555', severity: 'info' },
  });
  const whole = await statistics.dashboard(admin, SIREN, {});
  expect(whole.alertsByWeek).toHaveLength(12);
  expect(whole.alertsByWeek.at(-1)).toEqual({
    week: '2026-W12',
    opened: 2,
    bySeverity: { info: 1, warning: 0, critical: 1 },
  });
  const own = await statistics.dashboard(colomiers, SIREN, {});
  expect(own.alertsByWeek.at(-1)).toMatchObject({ opened: 1, bySeverity: { critical: 1 } });
});
