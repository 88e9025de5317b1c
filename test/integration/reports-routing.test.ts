/**
 * Filing and routing reports against DynamoDB Local: the point gives the commune, the competence
 * table the body; refusals store nothing; a category change routes again; nearby duplicates and
 * the agents' and public lists are served by their indexes.
 */
import type { Report } from '../../shared/reports/report';
import {
  admin,
  agentOf,
  citizen,
  COLOMIERS,
  COLOMIERS_CENTRE,
  metropolitanAgent,
  north,
  pothole,
  setUpReports,
  SIREN,
  TOULOUSE,
  type ReportsFixture,
} from '../support/reports-fixtures';

let reports: ReportsFixture['reports'];
let clock: ReportsFixture['clock'];
let errors: ReportsFixture['errors'];

beforeAll(async () => {
  ({ reports, clock, errors } = await setUpReports('reports-routing', { start: '2026-03-02T08:00:00Z' }));
});

const bodyList = (bodyId: string, filters: Partial<Parameters<typeof reports.listForBody>[3]> = {}) =>
  reports.listForBody(admin, SIREN, bodyId, { order: 'newest', limit: 100, ...filters });
const ids = (page: { items: readonly Report[] }) => page.items.map((r) => r.id);

describe('routing', () => {
  test('a pothole at the Capitole goes to the metropolis and its road service, with its due date', async () => {
    const report = await reports.fileReport(citizen('c-1'), SIREN, pothole());
    expect(report).toMatchObject({
      commune: TOULOUSE,
      bodyId: SIREN,
      bodyKind: 'territory',
      service: 'voirie',
      status: 'new',
      channel: 'online',
      reporterSub: 'c-1',
      version: 1,
      // voirie's target is 40 business hours: filed Monday 09:00 (Paris), 7.5 working hours a day,
      // so due the next Monday at 11:30 Paris time.
      dueAt: '2026-03-09T10:30:00.000Z',
    });
  });

  test('a green space in Toulouse goes to the commune of Toulouse', async () => {
    const report = await reports.fileReport(citizen('c-1'), SIREN, {
      ...pothole(),
      category: 'espaces-verts',
      answers: {},
    });
    expect(report).toMatchObject({ bodyId: TOULOUSE, bodyKind: 'commune', service: 'espaces-verts' });
  });

  test("street cleaning in Colomiers goes to Colomiers itself, by the competence table's override", async () => {
    const report = await reports.fileReport(undefined, SIREN, {
      ...pothole(COLOMIERS_CENTRE),
      category: 'proprete',
      answers: {},
    });
    expect(report).toMatchObject({ commune: COLOMIERS, bodyId: COLOMIERS, service: 'proprete' });
    expect(report.reporterSub).toBeUndefined();
  });

  test('a point in Paris is refused by a rule naming the territory, and nothing is stored', async () => {
    const before = ids(await bodyList(SIREN));
    const attempt = reports.fileReport(citizen('c-1'), SIREN, pothole({ lat: 48.8566, lon: 2.3522 }));
    await expect(attempt).rejects.toMatchObject({
      rule: 'inside-territory',
      message: expect.stringContaining('outside territory Toulouse Métropole (243100518)'),
    });
    await expect(attempt).rejects.toBeInstanceOf(errors.RuleViolationError);
    expect(ids(await bodyList(SIREN))).toEqual(before);
  });

  test('an unknown or withdrawn category, or answers that do not fit, are refused and nothing is stored', async () => {
    const before = ids(await bodyList(SIREN));
    await expect(
      reports.fileReport(citizen('c-1'), SIREN, { ...pothole(), category: 'licornes' }),
    ).rejects.toMatchObject({
      rule: 'category-exists',
    });
    await expect(
      reports.fileReport(citizen('c-1'), SIREN, { ...pothole(), category: 'ancienne' }),
    ).rejects.toMatchObject({
      rule: 'category-active',
    });
    await expect(reports.fileReport(citizen('c-1'), SIREN, { ...pothole(), answers: {} })).rejects.toBeInstanceOf(
      errors.InvalidInputError,
    );
    expect(ids(await bodyList(SIREN))).toEqual(before);
  });

  test('an anonymous report without an email address is refused', async () => {
    await expect(reports.fileReport(undefined, SIREN, { ...pothole(), contact: {} })).rejects.toBeInstanceOf(
      errors.InvalidInputError,
    );
  });

  test('an agent files for a citizen who phoned: the channel and the agent are recorded, not as reporter', async () => {
    const report = await reports.fileReportOnBehalf(agentOf(TOULOUSE), SIREN, { ...pothole(), channel: 'phone' });
    expect(report).toMatchObject({ channel: 'phone', filedBy: `agent-${TOULOUSE}` });
    expect(report.reporterSub).toBeUndefined();
    await expect(
      reports.fileReportOnBehalf({ ...agentOf(TOULOUSE), territory: '243300316' }, SIREN, {
        ...pothole(),
        channel: 'counter',
      }),
    ).rejects.toBeInstanceOf(errors.ForbiddenError);
  });

  test('changing the category routes the report again: it leaves the metropolis for the commune', async () => {
    const report = await reports.fileReport(citizen('c-2'), SIREN, pothole());
    const moved = await reports.changeCategory(metropolitanAgent, SIREN, report.id, {
      category: 'espaces-verts',
      version: report.version,
      internalNote: 'Racines d’arbre, pas la chaussée',
    });
    expect(moved).toMatchObject({ category: 'espaces-verts', bodyId: TOULOUSE, bodyKind: 'commune', version: 2 });
    expect(ids(await bodyList(TOULOUSE))).toContain(report.id);
    expect(ids(await bodyList(SIREN))).not.toContain(report.id);
    const { history } = await reports.getDetails(admin, SIREN, report.id);
    expect(history.at(-1)).toMatchObject({
      rerouted: { fromCategory: 'voirie', fromBody: SIREN, toCategory: 'espaces-verts' },
      internalNote: 'Racines d’arbre, pas la chaussée',
    });
    // The metropolitan agent no longer manages it; the commune's agents do.
    await expect(
      reports.changeStatus(metropolitanAgent, SIREN, report.id, { to: 'acknowledged', version: 2 }),
    ).rejects.toBeInstanceOf(errors.ForbiddenError);
  });
});

describe('nearby open reports of the same category', () => {
  const spot = { lat: 43.6199, lon: 1.4001 };
  let near: Report;

  beforeAll(async () => {
    near = await reports.fileReport(citizen('n-1'), SIREN, pothole(north(spot, 30)));
    await reports.fileReport(citizen('n-2'), SIREN, pothole(north(spot, 200)));
    await reports.fileReport(citizen('n-3'), SIREN, {
      ...pothole(north(spot, 10)),
      category: 'proprete',
      answers: {},
    });
  });

  test('within 50 m, only the report of the same category 30 m away is offered', async () => {
    const nearby = await reports.nearby(SIREN, { category: 'voirie', ...spot, radius: 50 });
    expect(nearby.map((n) => [n.report.id, n.distanceMetres])).toEqual([[near.id, 30]]);
  });

  test('a wider radius finds the other one too, nearest first', async () => {
    const nearby = await reports.nearby(SIREN, { category: 'voirie', ...spot, radius: 250 });
    expect(nearby.map((n) => n.distanceMetres)).toEqual([30, 200]);
  });

  test('a rejected report is no longer offered', async () => {
    await reports.changeStatus(metropolitanAgent, SIREN, near.id, {
      to: 'rejected',
      version: 1,
      publicNote: 'Propriété privée',
    });
    const nearby = await reports.nearby(SIREN, { category: 'voirie', ...spot, radius: 50 });
    expect(nearby).toEqual([]);
  });
});

describe("an agent's list, served by an index for each filter", () => {
  // A commune of its own, so the counts are this test's.
  const BALMA = '31044';
  const balma = { lat: 43.6111, lon: 1.5047 };
  const filed: Report[] = [];

  beforeAll(async () => {
    for (const [i, day] of [1, 2, 3, 4, 5].entries()) {
      clock.set(`2026-04-0${day}T09:00:00Z`);
      filed.push(
        await reports.fileReport(citizen(`b-${i}`), SIREN, {
          ...pothole(north(balma, i * 20)),
          category: 'espaces-verts',
          answers: {},
        }),
      );
    }
    clock.set('2026-04-10T10:00:00Z');
    await reports.changeStatus(agentOf(BALMA), SIREN, filed[1]!.id, { to: 'acknowledged', version: 1 });
  });

  test("lists the commune body's reports newest first, or oldest first", async () => {
    const newest = ids(await bodyList(BALMA));
    expect(newest).toEqual(filed.map((r) => r.id).reverse());
    expect(ids(await bodyList(BALMA, { order: 'oldest' }))).toEqual(filed.map((r) => r.id));
  });

  test('filters by status, by date range, and on overdue (open and past due)', async () => {
    expect(ids(await bodyList(BALMA, { status: 'acknowledged' }))).toEqual([filed[1]!.id]);
    expect(ids(await bodyList(BALMA, { from: '2026-04-02', to: '2026-04-03', order: 'oldest' }))).toEqual([
      filed[1]!.id,
      filed[2]!.id,
    ]);
    // espaces-verts has a 120 business-hour target (16 working days, Easter Monday off):
    // on April 10 none of the reports of April 1 to 5 is due yet, on May 15 all are past due.
    expect((await bodyList(BALMA, { overdue: true })).items).toHaveLength(0);
    clock.set('2026-05-15T10:00:00Z');
    expect((await bodyList(BALMA, { overdue: true })).items).toHaveLength(5);
    expect((await bodyList(BALMA, { overdue: false })).items).toHaveLength(0);
  });

  test("filters the metropolis's reports by category and by commune", async () => {
    const cleaning = (await bodyList(SIREN, { category: 'proprete' })).items;
    expect(cleaning.length).toBeGreaterThan(0);
    expect(cleaning.every((r) => r.category === 'proprete' && r.bodyId === SIREN)).toBe(true);
    const inToulouse = (await bodyList(SIREN, { commune: TOULOUSE })).items;
    expect(inToulouse.length).toBeGreaterThan(0);
    // Toulouse's own reports (green spaces) are in that commune too, but not the metropolis's.
    expect(inToulouse.every((r) => r.commune === TOULOUSE && r.bodyId === SIREN)).toBe(true);
  });

  test('pages by cursor, and a cursor of another body is refused', async () => {
    const first = await bodyList(BALMA, { limit: 2 });
    const second = await bodyList(BALMA, { limit: 2, cursor: first.cursor });
    expect([...ids(first), ...ids(second)]).toEqual(
      filed
        .map((r) => r.id)
        .reverse()
        .slice(0, 4),
    );
    await expect(bodyList(TOULOUSE, { cursor: first.cursor })).rejects.toBeInstanceOf(errors.InvalidCursorError);
  });

  test('a commune agent lists its own body only', async () => {
    await expect(
      reports.listForBody(agentOf(TOULOUSE), SIREN, BALMA, { order: 'newest', limit: 10 }),
    ).rejects.toBeInstanceOf(errors.ForbiddenError);
    expect(
      (await reports.listForBody(agentOf(BALMA), SIREN, BALMA, { order: 'newest', limit: 10 })).items,
    ).toHaveLength(5);
  });

  test('the public lists by commune and by box find them, page by page', async () => {
    const byCommune = await reports.listPublic(SIREN, { commune: BALMA, limit: 3 });
    const rest = await reports.listPublic(SIREN, { commune: BALMA, limit: 3, cursor: byCommune.cursor });
    expect([...ids(byCommune), ...ids(rest)]).toEqual(filed.map((r) => r.id).reverse());

    const bbox = [1.49, 43.6, 1.52, 43.62] as const;
    const pages: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await reports.listPublic(SIREN, { bbox, limit: 2, cursor });
      pages.push(...ids(page));
      cursor = page.cursor;
    } while (cursor);
    expect(pages).toEqual(filed.map((r) => r.id).reverse());
  });

  test('a box too large for one request is refused by a rule', async () => {
    await expect(reports.listPublic(SIREN, { bbox: [0, 40, 5, 45], limit: 10 })).rejects.toMatchObject({
      rule: 'bbox-size',
    });
  });
});
