/** "Me too" against DynamoDB Local: one support per citizen, counted exactly under concurrency. */
import {
  citizen,
  metropolitanAgent,
  north,
  pothole,
  setUpReports,
  SIREN,
  type ReportsFixture,
} from '../support/reports-fixtures';

let reports: ReportsFixture['reports'];
let store: ReportsFixture['store'];
let domain: ReportsFixture['domain'];

beforeAll(async () => {
  ({ reports, store, domain } = await setUpReports('reports-support'));
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
