/**
 * A body's counts per status (its COUNTS item), against DynamoDB Local: after every write that files
 * a report, moves it along the workflow, reopens it, marks it a duplicate or routes it to another
 * body, the stored counts equal the body's reports counted one by one (a path that forgot them
 * would leave them apart); a burst of transitions in one body, retried and redelivered requests are
 * counted once; a body whose reports predate the counts is counted as before (capped) until the
 * backfill writes them, exactly even with transitions meanwhile. The inbox page: test/e2e/reports-counts-page.test.ts.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { newId } from '../../shared/kernel/ids';
import type { Report, ReportStatus } from '../../shared/reports/report';
import {
  agentOf,
  CAPITOLE,
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
let store: ReportsFixture['store'];
let errors: ReportsFixture['errors'];
let domain: ReportsFixture['domain'];
let storeModule: typeof import('../../shared/reports/report-store');
let dynamoModule: typeof import('../../shared/runtime/dynamo');
let lib: typeof import('@aws-sdk/lib-dynamodb');

beforeAll(async () => {
  ({ reports, store, errors, domain } = await setUpReports('reports-counts', { start: '2026-05-04T08:00:00Z' }));
  storeModule = await import('../../shared/reports/report-store');
  dynamoModule = await import('../../shared/runtime/dynamo');
  lib = await import('@aws-sdk/lib-dynamodb');
});

type Counts = Record<ReportStatus, number>;

/** The body's COUNTS item as stored (undefined when absent), its counts only. */
const stored = async (bodyId: string): Promise<Counts | undefined> => {
  const { dynamo, TABLE_NAME } = dynamoModule;
  const { Item } = await dynamo.send(
    new lib.GetCommand({ TableName: TABLE_NAME, Key: storeModule.countsKey(SIREN, bodyId), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  return Object.fromEntries(domain.REPORT_STATUSES.map((s) => [s, Item[s]])) as Counts;
};

/** The body's reports counted one by one, through its list (gsi1). */
const truth = async (bodyId: string): Promise<Counts> => {
  const counts = Object.fromEntries(domain.REPORT_STATUSES.map((s) => [s, 0])) as Counts;
  let cursor: string | undefined;
  do {
    const page = await store.listByBody({
      territory: SIREN,
      bodyId,
      order: 'newest',
      limit: 100,
      now: new Date().toISOString(),
      ...(cursor ? { cursor } : {}),
    });
    for (const report of page.items) counts[report.status]++;
    cursor = page.cursor;
  } while (cursor);
  return counts;
};

/** The stored counts are the body's reports, and the inbox's counts are those, exact. */
const expectExact = async (...bodies: string[]) => {
  for (const bodyId of bodies) {
    const expected = await truth(bodyId);
    expect({ bodyId, counts: await stored(bodyId) }).toEqual({ bodyId, counts: expected });
    const shown = await store.countByStatus(SIREN, bodyId, 1);
    expect(shown).toEqual(
      Object.fromEntries(domain.REPORT_STATUSES.map((s) => [s, { count: expected[s], more: false }])),
    );
  }
};

/** Blagnac's centroid (infra/local/demo/toulouse-metropole-centroids.csv): a commune body no other test files into. */
const BLAGNAC = '31069';
const BLAGNAC_CENTRE = { lat: 43.6415, lon: 1.3798 };

const move = (principal: Parameters<typeof reports.changeStatus>[0], report: Report, to: ReportStatus, extra = {}) =>
  reports.changeStatus(principal, SIREN, report.id, { to, version: report.version, ...extra });

describe('the counts follow every path', () => {
  test('filing (citizen, agent, sensor), each transition, reopening, duplicate, note, support, re-routing', async () => {
    // Filed by a citizen, by an agent on the phone, by a sensor (delivered twice): the metropolis's
    // roads, whose first report creates its counts.
    expect(await stored(SIREN)).toBeUndefined();
    let a = await reports.fileReport(citizen('c-1'), SIREN, pothole(north(CAPITOLE, 100)));
    await expectExact(SIREN);
    const b = await reports.fileReportOnBehalf(agentOf(TOULOUSE), SIREN, {
      ...pothole(north(CAPITOLE, 200)),
      channel: 'phone',
    });
    const alertId = newId();
    const sensor = {
      alertId,
      category: 'voirie',
      location: north(CAPITOLE, 300),
      description: 'Capteur de chaussée : affaissement détecté',
      radiusMeters: 10,
    };
    await Promise.all([reports.fileFromSensor(SIREN, sensor), reports.fileFromSensor(SIREN, sensor)]);
    await reports.fileFromSensor(SIREN, sensor);
    await expectExact(SIREN);
    expect((await stored(SIREN))!.new).toBe(3);

    // Along the workflow, each step checked.
    for (const to of ['acknowledged', 'in_progress', 'resolved'] as const) {
      a = await move(metropolitanAgent, a, to, to === 'resolved' ? { publicNote: 'Rebouché' } : {});
      await expectExact(SIREN);
    }
    a = await reports.reopen(citizen('c-1'), SIREN, a.id, { version: a.version, note: 'Toujours là' });
    expect(a.status).toBe('in_progress');
    await expectExact(SIREN);
    await move(metropolitanAgent, b, 'duplicate', { duplicateOf: a.id });
    await expectExact(SIREN);
    const fromSensor = (await store.get(SIREN, alertId))!;
    await move(metropolitanAgent, fromSensor, 'rejected', { publicNote: 'Fausse alerte' });
    await expectExact(SIREN);

    // A note and a support move no count (nor does a stale form: refused, nothing written).
    a = await reports.addNote(metropolitanAgent, SIREN, a.id, { version: a.version, internalNote: 'Équipe jeudi' });
    await reports.support(citizen('c-2'), SIREN, a.id);
    await expect(move(metropolitanAgent, { ...a, version: 1 }, 'resolved')).rejects.toBeInstanceOf(
      domain.StaleVersionError,
    );
    await expectExact(SIREN);
    expect(await stored(SIREN)).toEqual({
      new: 0,
      acknowledged: 0,
      in_progress: 1,
      resolved: 0,
      rejected: 1,
      duplicate: 1,
    });

    // Re-routed to Toulouse's green spaces: it leaves the metropolis's counts for Toulouse's.
    const toulouseBefore = await truth(TOULOUSE);
    a = await reports.changeCategory(metropolitanAgent, SIREN, a.id, { category: 'espaces-verts', version: a.version });
    expect(a.bodyId).toBe(TOULOUSE);
    await expectExact(SIREN, TOULOUSE);
    expect((await stored(SIREN))!.in_progress).toBe(0);
    expect((await stored(TOULOUSE))!.in_progress).toBe(toulouseBefore.in_progress + 1);
  });
});

describe('counted once', () => {
  test('a burst of filings into a body with no report yet, then of transitions: every one lands, each counted once', async () => {
    // Blagnac's green spaces had no report: the first filings race to create its counts.
    expect(await stored(BLAGNAC)).toBeUndefined();
    const filed = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        reports.fileReport(citizen(`burst-${i}`), SIREN, {
          ...pothole(north(BLAGNAC_CENTRE, i * 40)),
          category: 'espaces-verts',
          answers: {},
        }),
      ),
    );
    expect(new Set(filed.map((r) => r.bodyId))).toEqual(new Set([BLAGNAC]));
    await expectExact(BLAGNAC);
    // All at once on the body's one counts item: those that meet are tried again (TransactionConflict).
    const outcomes = await Promise.allSettled(filed.map((r) => move(agentOf(BLAGNAC), r, 'acknowledged')));
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    await expectExact(BLAGNAC);
    expect(await stored(BLAGNAC)).toMatchObject({ new: 0, acknowledged: 12 });
  });

  test("transactions that meet on a body's counts item are tried again; past the attempts, 409 and nothing counted", async () => {
    // DynamoDB Local takes concurrent transactions in turn; DynamoDB cancels one that meets another
    // on an item (TransactionConflict). Made so here for the writes that touch Blagnac's counts.
    const { dynamo, MAX_WRITE_ATTEMPTS, StoreBusyError } = dynamoModule;
    const { TransactionCanceledException } = await import('@aws-sdk/client-dynamodb');
    const counts = `${storeModule.countsKey(SIREN, BLAGNAC).pk}`;
    let conflicts = 0;
    let refuse = 0;
    dynamo.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as { TransactItems?: unknown[] };
        if (refuse > 0 && input.TransactItems && JSON.stringify(input).includes(counts)) {
          refuse--;
          conflicts++;
          throw new TransactionCanceledException({
            message: 'Transaction cancelled',
            $metadata: {},
            CancellationReasons: input.TransactItems.map((item) => ({
              Code: JSON.stringify(item).includes(counts) ? 'TransactionConflict' : 'None',
            })),
          });
        }
        return next(args);
      },
      { step: 'initialize', name: 'countsConflicts' },
    );
    try {
      const before = (await stored(BLAGNAC))!;
      const report = await reports.fileReport(citizen('conflict'), SIREN, {
        ...pothole(north(BLAGNAC_CENTRE, 600)),
        category: 'espaces-verts',
        answers: {},
      });
      refuse = 3;
      const moved = await move(agentOf(BLAGNAC), report, 'acknowledged');
      expect(conflicts).toBe(3);
      expect(moved.status).toBe('acknowledged');
      await expectExact(BLAGNAC);
      expect(await stored(BLAGNAC)).toEqual({ ...before, acknowledged: before.acknowledged + 1 });

      refuse = MAX_WRITE_ATTEMPTS;
      await expect(move(agentOf(BLAGNAC), moved, 'in_progress')).rejects.toBeInstanceOf(StoreBusyError);
      expect((await store.get(SIREN, report.id))!.status).toBe('acknowledged');
      await expectExact(BLAGNAC);
    } finally {
      dynamo.middlewareStack.remove('countsConflicts');
    }
  });

  test('the same transition sent again, or twice at once, moves the counts once', async () => {
    const report = await reports.fileReport(citizen('twice'), SIREN, pothole(north(CAPITOLE, 2000)));
    const before = (await stored(SIREN))!;
    const outcomes = await Promise.allSettled([
      move(metropolitanAgent, report, 'acknowledged'),
      move(metropolitanAgent, report, 'acknowledged'),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    // The retry of a request that went through: stale, refused, nothing counted.
    await expect(move(metropolitanAgent, report, 'acknowledged')).rejects.toBeInstanceOf(errors.ConflictError);
    await expectExact(SIREN);
    expect(await stored(SIREN)).toEqual({ ...before, new: before.new - 1, acknowledged: before.acknowledged + 1 });
  });

  test('a filing retried under its Idempotency-Key after its function died is counted once', async () => {
    const { runIdempotently } = await import('../../shared/runtime/idempotency');
    const scope = {
      key: 'counts-crash-1',
      routeId: 'fileReport',
      path: `/territories/${SIREN}/reports`,
      territory: SIREN,
      caller: 'jeanne',
      request: { body: pothole() },
    };
    const before = (await stored(SIREN))!;
    const fileAndAnswer = async (): Promise<APIGatewayProxyStructuredResultV2> => {
      const report = await reports.fileReport(citizen('jeanne'), SIREN, pothole(north(CAPITOLE, 2100)));
      return { statusCode: 201, body: JSON.stringify({ id: report.id }) };
    };
    await expect(
      runIdempotently(scope, async () => {
        await fileAndAnswer();
        throw new Error('the function stops here');
      }),
    ).rejects.toThrow('the function stops here');
    await runIdempotently(scope, fileAndAnswer);
    await expectExact(SIREN);
    expect(await stored(SIREN)).toEqual({ ...before, new: before.new + 1 });
  });
});

describe('a body whose reports predate the counts', () => {
  /** A Colomiers green-space report written as the store wrote it before the counts (no COUNTS item). */
  const legacy = async (i: number, status: ReportStatus) => {
    const { dynamo, TABLE_NAME } = dynamoModule;
    const at = new Date(Date.parse('2026-04-01T08:00:00Z') + i * 60_000).toISOString();
    const report: Report = {
      id: newId(),
      territory: SIREN,
      category: 'espaces-verts',
      commune: COLOMIERS,
      bodyId: COLOMIERS,
      bodyKind: 'commune',
      service: 'espaces-verts',
      description: `Haie à tailler n° ${i}`,
      location: north(COLOMIERS_CENTRE, i * 20),
      answers: {},
      photos: [],
      status,
      channel: 'online',
      createdAt: at,
      updatedAt: at,
      supportCount: 0,
      overdue: false,
      version: 1,
    };
    await dynamo.send(new lib.PutCommand({ TableName: TABLE_NAME, Item: storeModule.reportItem(report) }));
    return report;
  };

  test('counted from the index (capped) until the backfill; writes meanwhile keep it absent; then exact', async () => {
    const olds = [];
    for (let i = 0; i < 6; i++) olds.push(await legacy(i, i < 4 ? 'new' : 'acknowledged'));
    const colomiersAgent = agentOf(COLOMIERS);

    // Before the backfill: the capped counting, no COUNTS item written by the writes in between.
    expect((await reports.countForBody(colomiersAgent, SIREN, COLOMIERS, 3)).new).toEqual({ count: 3, more: true });
    await move(colomiersAgent, olds[0]!, 'acknowledged');
    const filed = await reports.fileReport(citizen('legacy'), SIREN, {
      ...pothole(north(COLOMIERS_CENTRE, 500)),
      category: 'espaces-verts',
      answers: {},
    });
    expect(filed.bodyId).toBe(COLOMIERS);
    expect(await stored(COLOMIERS)).toBeUndefined();
    expect((await reports.countForBody(colomiersAgent, SIREN, COLOMIERS)).new).toEqual({ count: 4, more: false });

    // The backfill, with transitions going on meanwhile: exact whatever their order.
    let current = (await store.get(SIREN, olds[1]!.id))!;
    const [counted] = await Promise.all([
      storeModule.recountBody(SIREN, COLOMIERS, { indexLagMs: 200 }),
      (async () => {
        for (const to of ['acknowledged', 'in_progress', 'resolved'] as const) {
          current = await move(colomiersAgent, current, to);
        }
      })(),
      move(colomiersAgent, (await store.get(SIREN, olds[5]!.id))!, 'in_progress'),
    ]);
    expect(counted).not.toBe('kept');
    await expectExact(COLOMIERS);
    expect(await stored(COLOMIERS)).toEqual({
      new: 3,
      acknowledged: 2,
      in_progress: 1,
      resolved: 1,
      rejected: 0,
      duplicate: 0,
    });

    // Run again: kept as it is. Then the writes move it.
    expect(await storeModule.recountBody(SIREN, COLOMIERS, { indexLagMs: 0 })).toBe('kept');
    await move(colomiersAgent, (await store.get(SIREN, olds[2]!.id))!, 'rejected', { publicNote: 'Hors domaine' });
    await expectExact(COLOMIERS);
  });
});
