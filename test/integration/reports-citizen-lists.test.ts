/**
 * What the portal's report pages read against DynamoDB Local: a citizen's own reports ("mes
 * signalements": filed, supported, or found a duplicate of theirs), by an index, newest first and by
 * pages; a commune's public list narrowed to some statuses and categories.
 */
import {
  citizen,
  metropolitanAgent,
  north,
  pothole,
  setUpReports,
  SIREN,
  TOULOUSE,
  type ReportsFixture,
} from '../support/reports-fixtures';

let reports: ReportsFixture['reports'];

beforeAll(async () => {
  ({ reports } = await setUpReports('reports-citizen-lists'));
});

const BASE = { lat: 43.601, lon: 1.443 };

test("a citizen's list holds the reports they filed and those they support, newest first, each with why", async () => {
  const mine = await reports.fileReport(citizen('claire'), SIREN, pothole(north(BASE, 0)));
  const theirs = await reports.fileReport(citizen('paul'), SIREN, pothole(north(BASE, 300)));
  await reports.support(citizen('claire'), SIREN, theirs.id);
  const later = await reports.fileReport(citizen('claire'), SIREN, pothole(north(BASE, 600)));

  const page = await reports.listFollowed(citizen('claire'), SIREN, { limit: 10 });

  expect(page.items.map((f) => [f.report.id, f.reason])).toEqual([
    [later.id, 'reporter'],
    [theirs.id, 'supporter'],
    [mine.id, 'reporter'],
  ]);
  expect(page.cursor).toBeUndefined();
});

test("a citizen's list is paged by a cursor, and holds nobody else's reports", async () => {
  for (let i = 0; i < 3; i++) await reports.fileReport(citizen('leon'), SIREN, pothole(north(BASE, 900 + 100 * i)));
  await reports.fileReport(citizen('someone-else'), SIREN, pothole(north(BASE, 1300)));

  const first = await reports.listFollowed(citizen('leon'), SIREN, { limit: 2 });
  const second = await reports.listFollowed(citizen('leon'), SIREN, { limit: 2, cursor: first.cursor });

  expect(first.items).toHaveLength(2);
  expect(first.cursor).toEqual(expect.any(String));
  expect(second.items).toHaveLength(1);
  expect(second.cursor).toBeUndefined();
  const ids = [...first.items, ...second.items].map((f) => f.report.id);
  expect(new Set(ids).size).toBe(3);
  expect([...first.items, ...second.items].every((f) => f.report.reporterSub === 'leon')).toBe(true);
});

test('an anonymous report (an e-mail only) is in nobody’s list', async () => {
  await reports.fileReport(undefined, SIREN, pothole(north(BASE, 1600)));

  const page = await reports.listFollowed(citizen('nobody'), SIREN, { limit: 10 });

  expect(page.items).toEqual([]);
});

test("a commune's public list narrowed to statuses and categories", async () => {
  const open = await reports.fileReport(citizen('marie'), SIREN, pothole(north(BASE, 2000)));
  const acknowledged = await reports.fileReport(citizen('marie'), SIREN, pothole(north(BASE, 2100)));
  await reports.changeStatus(metropolitanAgent, SIREN, acknowledged.id, { to: 'acknowledged', version: 1 });
  const litter = await reports.fileReport(citizen('marie'), SIREN, {
    ...pothole(north(BASE, 2200)),
    category: 'proprete',
    answers: {},
  });

  const byStatus = await reports.listPublic(SIREN, {
    commune: TOULOUSE,
    limit: 100,
    statuses: ['acknowledged'],
  });
  const byCategory = await reports.listPublic(SIREN, { commune: TOULOUSE, limit: 100, categories: ['proprete'] });
  const both = await reports.listPublic(SIREN, {
    commune: TOULOUSE,
    limit: 100,
    statuses: ['new'],
    categories: ['voirie'],
  });

  expect(byStatus.items.map((r) => r.id)).toEqual([acknowledged.id]);
  expect(byCategory.items.map((r) => r.id)).toEqual([litter.id]);
  expect(both.items.map((r) => r.id)).toContain(open.id);
  expect(both.items.every((r) => r.status === 'new' && r.category === 'voirie')).toBe(true);
});
