/** "Me too" against DynamoDB Local: one support per citizen, counted exactly under concurrency. */
import { useFreshTable } from '../support/integration-table';
import {
  citizen,
  emptyObjectStore,
  metropolitanAgent,
  north,
  pothole,
  prepareReportsTerritory,
  SIREN,
} from '../support/reports-territory';

let reports: import('../../shared/reports/report-use-cases').ReportUseCases;
let store: import('../../shared/reports/report-ports').ReportStore;
let domain: typeof import('../../shared/reports/report');

beforeAll(async () => {
  await useFreshTable('reports-support');
  await prepareReportsTerritory();
  const { makeReportUseCases } = await import('../../shared/reports/report-use-cases');
  const { dynamoReportStore } = await import('../../shared/reports/report-store');
  const { territory } = await import('../../shared/territory/territory-app');
  const { businessHoursDueDates } = await import('../../shared/reports/due-dates');
  const { systemClock } = await import('../../shared/kernel/clock');
  domain = await import('../../shared/reports/report');
  store = dynamoReportStore;
  reports = makeReportUseCases({
    store,
    territory,
    objects: emptyObjectStore,
    dueDates: businessHoursDueDates(territory),
    clock: systemClock,
  });
});

const fileOne = (metres: number) =>
  reports.fileReport(citizen('reporter'), SIREN, pothole(north({ lat: 43.6, lon: 1.44 }, metres)));

test('50 citizens supporting at once are counted exactly 50, each following the report', async () => {
  const report = await fileOne(0);
  const results = await Promise.allSettled(
    Array.from({ length: 50 }, (_, i) => reports.support(citizen(`neighbour-${i}`), SIREN, report.id)),
  );
  expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
  expect((await store.get(SIREN, report.id))?.supportCount).toBe(50);
  expect(await store.followers(SIREN, report.id)).toHaveLength(51); // the reporter and the 50
});

test('one citizen supporting ten times at once counts once; the others are told they already support it', async () => {
  const report = await fileOne(100);
  const results = await Promise.allSettled(
    Array.from({ length: 10 }, () => reports.support(citizen('eager'), SIREN, report.id)),
  );
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  for (const r of results.filter((r) => r.status === 'rejected')) {
    expect(r).toMatchObject({ reason: expect.any(domain.AlreadySupportedError) });
  }
  expect((await store.get(SIREN, report.id))?.supportCount).toBe(1);
});

test('the reporter does not support their own report, and a closed report takes no support', async () => {
  const report = await fileOne(200);
  await expect(reports.support(citizen('reporter'), SIREN, report.id)).rejects.toBeInstanceOf(
    domain.AlreadySupportedError,
  );
  await reports.changeStatus(metropolitanAgent, SIREN, report.id, { to: 'rejected', version: 1, publicNote: 'Non' });
  await expect(reports.support(citizen('late'), SIREN, report.id)).rejects.toMatchObject({ rule: 'support-open' });
  expect((await store.get(SIREN, report.id))?.supportCount).toBe(0);
});

test('supports do not bump the version agents lock on', async () => {
  const report = await fileOne(300);
  await reports.support(citizen('n-1'), SIREN, report.id);
  await expect(
    reports.changeStatus(metropolitanAgent, SIREN, report.id, { to: 'acknowledged', version: 1 }),
  ).resolves.toMatchObject({ version: 2, supportCount: 1 });
});
