/**
 * The public map by box against DynamoDB Local, once a 5 km cell is busy: a report page's small
 * box still shows the reports in it (read from the fine cells about its size, gsi8), not only the
 * newest of the whole 5 km cell kept in the box; a commune-size box still reads the 5 km cells,
 * newest first, page by page; a report written before the fine index shows once backfilled.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Report } from '../../shared/reports/report';
import {
  citizen,
  COLOMIERS_CENTRE,
  pothole,
  setUpReports,
  SIREN,
  type ReportsFixture,
} from '../support/reports-fixtures';

let reports: ReportsFixture['reports'];
let store: ReportsFixture['store'];
let clock: ReportsFixture['clock'];
let errors: ReportsFixture['errors'];

type Box = readonly [number, number, number, number];
/** The box of a report's page around a point (shared/portal/pages/report-page.tsx: ~330 × 330 m). */
const pageBox = ({ lat, lon }: { lat: number; lon: number }): Box => [
  lon - 0.002,
  lat - 0.0015,
  lon + 0.002,
  lat + 0.0015,
];
const inBox = ([west, south, east, north]: Box, { lat, lon }: { lat: number; lon: number }) =>
  lon >= west && lon <= east && lat >= south && lat <= north;
const ids = (page: { items: readonly Report[] }) => page.items.map((r) => r.id);
const newestFirst = (list: readonly Report[]) =>
  [...list].sort((a, b) => (`${a.createdAt}#${a.id}` < `${b.createdAt}#${b.id}` ? 1 : -1)).map((r) => r.id);

const MAP_LIMIT = 50;
const small = pageBox(COLOMIERS_CENTRE);
/** Around Colomiers' centre, within its geohash-5 cell (43.59375–43.63770 N, 1.31836–1.36230 E). */
const communeBox: Box = [1.3185, 43.594, 1.362, 43.6375];
const few: Report[] = [];
const many: Report[] = [];

beforeAll(async () => {
  ({ reports, store, clock, errors } = await setUpReports('reports-map', { start: '2026-03-02T08:00:00Z' }));
  const { dynamo, TABLE_NAME } = await import('../../shared/runtime/dynamo');
  const { reportItem } = await import('../../shared/reports/report-store');
  const { newId } = await import('../../shared/kernel/ids');

  // Three reports in the small box, filed first: the oldest of the cell.
  for (const [i, offset] of [-0.0008, 0, 0.0009].entries()) {
    clock.set(Date.parse('2026-03-02T08:00:00Z') + i * 60_000);
    const at = { lat: COLOMIERS_CENTRE.lat + offset / 2, lon: COLOMIERS_CENTRE.lon + offset };
    few.push(await reports.fileReport(citizen(`map-${i}`), SIREN, pothole(at)));
  }
  // Then 64 newer ones spread over the 5 km cell outside the small box (more than a map page):
  // copies of a filed report at other places, written with the store's own item (index keys included).
  const template = few[0]!;
  const grid = Array.from({ length: 81 }, (_, k) => ({
    lat: 43.5965 + Math.floor(k / 9) * 0.0045,
    lon: 1.3215 + (k % 9) * 0.0045,
  })).filter((at) => !inBox(small, at));
  for (const [k, location] of grid.slice(0, 64).entries()) {
    const createdAt = new Date(Date.parse('2026-03-03T08:00:00Z') + k * 60_000).toISOString();
    many.push({ ...template, id: newId(), location, createdAt, updatedAt: createdAt });
  }
  await Promise.all(many.map((r) => dynamo.send(new PutCommand({ TableName: TABLE_NAME, Item: reportItem(r) }))));
});

test('a report page’s box shows the reports in it, however busy its 5 km cell', async () => {
  expect(many.length).toBeGreaterThan(MAP_LIMIT);
  const page = await reports.listPublic(SIREN, { bbox: small, limit: MAP_LIMIT });
  expect(ids(page)).toEqual(newestFirst(few));
  expect(page.cursor).toBeUndefined();
});

test('a small box pages newest first by cursor, down to its oldest report', async () => {
  // A page is what its cells' newest reports hold in the box: maybe fewer than asked, with a cursor.
  const pages: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await reports.listPublic(SIREN, { bbox: small, limit: 2, cursor });
    expect(page.items.length).toBeLessThanOrEqual(2);
    pages.push(...ids(page));
    cursor = page.cursor;
  } while (cursor);
  expect(pages).toEqual(newestFirst(few));
});

test('a commune-size box answers newest first, and pages down to the oldest', async () => {
  const all = [...few, ...many].filter((r) => inBox(communeBox, r.location));
  const first = await reports.listPublic(SIREN, { bbox: communeBox, limit: 20 });
  expect(ids(first)).toEqual(newestFirst(all).slice(0, 20));

  const pages = [...ids(first)];
  let cursor = first.cursor;
  while (cursor) {
    const page = await reports.listPublic(SIREN, { bbox: communeBox, limit: 20, cursor });
    pages.push(...ids(page));
    cursor = page.cursor;
  }
  expect(pages).toEqual(newestFirst(all));
});

test('a cursor of the fine cells is refused on the 5 km cells of the same box', async () => {
  const { cellsCovering } = await import('../../shared/geo/geohash');
  const query = { territory: SIREN, bbox: small, limit: 1 };
  const fine = await store.listByCells({ ...query, precision: 6, cells: cellsCovering(small, 6, 16)! });
  expect(fine.cursor).toBeDefined();
  await expect(
    store.listByCells({ ...query, precision: 5, cells: cellsCovering(small, 5, 64)!, cursor: fine.cursor }),
  ).rejects.toBeInstanceOf(errors.InvalidCursorError);
});

test('a report written before the fine index shows on a small box once backfilled', async () => {
  const { dynamo, TABLE_NAME } = await import('../../shared/runtime/dynamo');
  const { backfillFineMapIndex, reportItem } = await import('../../shared/reports/report-store');
  const { newId } = await import('../../shared/kernel/ids');
  const createdAt = '2026-03-04T08:00:00.000Z';
  const older: Report = { ...few[0]!, id: newId(), createdAt, updatedAt: createdAt };
  const { gsi8pk: _pk, gsi8sk: _sk, ...withoutFineKeys } = reportItem(older);
  await dynamo.send(new PutCommand({ TableName: TABLE_NAME, Item: withoutFineKeys }));
  expect(ids(await reports.listPublic(SIREN, { bbox: small, limit: MAP_LIMIT }))).toEqual(newestFirst(few));

  expect(await backfillFineMapIndex(SIREN, [older.commune])).toBe(1);
  expect(ids(await reports.listPublic(SIREN, { bbox: small, limit: MAP_LIMIT }))).toEqual(newestFirst([...few, older]));
  expect(await backfillFineMapIndex(SIREN, [older.commune])).toBe(0);
});
