/**
 * The SLA engine's work list (SLA-WATCH items, shared/reports/report-store.ts) against DynamoDB
 * Local: in a watched body a run reads only the reports it flags — a backlog of reports already
 * flagged costs it nothing — while each path that moves a report's status, body, due date or flag
 * (flag, acknowledge, close, re-route, reopen) leaves it flagged and escalated exactly when it
 * should be; a stale watch item flags nothing and is removed; a body whose reports predate the
 * watch items is read from the index until the backfill, which then finds its old reports. What a
 * run reads is counted by a middleware on the DynamoDB client, never timed.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { newId } from '../../shared/kernel/ids';
import type { Report } from '../../shared/reports/report';
import {
  admin,
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
let sla: ReportsFixture['sla'];
let store: ReportsFixture['store'];
let clock: ReportsFixture['clock'];
let storeModule: typeof import('../../shared/reports/report-store');
let dynamoModule: typeof import('../../shared/runtime/dynamo');
let lib: typeof import('@aws-sdk/lib-dynamodb');

/** What one run read: REPORT items (on gsi7, every item the Query went through), their ids, watch items. */
interface Reads {
  reportItems: number;
  reportIds: string[];
  watchItems: number;
}
const counting = new AsyncLocalStorage<Reads>();

beforeAll(async () => {
  ({ reports, sla, store, clock } = await setUpReports('reports-sla-watch', { start: '2026-05-04T08:00:00Z' }));
  storeModule = await import('../../shared/reports/report-store');
  dynamoModule = await import('../../shared/runtime/dynamo');
  lib = await import('@aws-sdk/lib-dynamodb');
  type Out = {
    Items?: Record<string, unknown>[];
    Item?: Record<string, unknown>;
    Responses?: Record<string, Record<string, unknown>[]>;
    ScannedCount?: number;
  };
  dynamoModule.dynamo.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const reads = counting.getStore();
      if (!reads) return result;
      const output = result.output as Out;
      const items = [
        ...(output.Items ?? []),
        ...(output.Item ? [output.Item] : []),
        ...Object.values(output.Responses ?? {}).flat(),
      ];
      const onIndex = (args.input as { IndexName?: string }).IndexName === dynamoModule.INDEXES.gsi7;
      // On gsi7 the flagged reports are read then filtered out: counted as read all the same.
      if (onIndex) reads.reportItems += output.ScannedCount ?? items.length;
      for (const item of items) {
        if (item.sk === 'REPORT') {
          if (!onIndex) reads.reportItems++;
          reads.reportIds.push(String(item.id));
        }
        // The bodies' markers left out: one per watched body whatever its reports.
        if (String(item.pk).endsWith('#SLA-WATCH') && !String(item.sk).startsWith('#')) reads.watchItems++;
      }
      return result;
    },
    { step: 'initialize', name: 'slaWatchTestReads' },
  );
});

/** A run of the SLA engine at `iso`, with what it read. */
const runAt = async (iso: string) => {
  clock.set(iso);
  const reads: Reads = { reportItems: 0, reportIds: [], watchItems: 0 };
  const outcome = await counting.run(reads, () => sla.detectOverdue());
  return { ...outcome, reads };
};
const plusMinutes = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
const stored = async (id: string) => (await store.get(SIREN, id))!;
/** The watch items of a body (marker left out), as sort keys `<dueAt>#<id>`. */
const watchList = async (bodyId: string): Promise<string[]> => {
  const { Items = [] } = await dynamoModule.dynamo.send(
    new lib.QueryCommand({
      TableName: dynamoModule.TABLE_NAME,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': storeModule.watchPk(SIREN, bodyId) },
      ConsistentRead: true,
    }),
  );
  return Items.map((item) => String(item.sk)).filter((sk) => !sk.startsWith('#'));
};

let spot = 0;
const fileAt = async (iso: string, who = `c-${spot}`) => {
  clock.set(iso);
  return reports.fileReport(citizen(who), SIREN, pothole(north(CAPITOLE, 15 * ++spot)));
};
const move = (report: Pick<Report, 'id' | 'version'>, to: Report['status'], at: string, agent = metropolitanAgent) => {
  clock.set(at);
  return reports.changeStatus(agent, SIREN, report.id, { to, version: report.version });
};

describe('a watched body (its reports filed since the watch items exist)', () => {
  beforeAll(async () => {
    // Bodies with no report yet: marked at once, nothing to watch.
    for (const body of [SIREN, TOULOUSE]) {
      expect(await storeModule.watchBody(SIREN, body)).toEqual({ watched: 0, marked: false });
    }
  });

  test('a report past due is flagged and escalated once; the run reads that report and no other', async () => {
    const report = await fileAt('2026-05-04T08:00:00Z');
    expect(await watchList(SIREN)).toEqual([`${report.dueAt}#${report.id}`]);

    const early = await runAt(plusMinutes(report.dueAt!, -1));
    expect(early).toMatchObject({ flagged: 0, escalated: 0, reads: { reportItems: 0 } });

    const late = await runAt(plusMinutes(report.dueAt!, 1));
    expect(late).toMatchObject({ flagged: 1, escalated: 1, reads: { reportItems: 1, reportIds: [report.id] } });
    expect(await stored(report.id)).toMatchObject({ overdue: true, escalatedAt: plusMinutes(report.dueAt!, 1) });
    expect(await watchList(SIREN)).toEqual([]);

    const again = await runAt(plusMinutes(report.dueAt!, 10));
    expect(again).toMatchObject({ flagged: 0, escalated: 0, reads: { reportItems: 0, watchItems: 0 } });
  });

  test('with a backlog of 30 reports flagged and left open, a run reads only the one report it flags', async () => {
    const backlog = [];
    for (let i = 0; i < 30; i++) backlog.push(await fileAt('2026-05-05T08:00:00Z'));
    const flagging = await runAt(plusMinutes(backlog[0]!.dueAt!, 1));
    expect(flagging).toMatchObject({ flagged: 30, escalated: 30 });
    // Acknowledged since: still overdue (derived), and not watched again.
    await move(backlog[0]!, 'acknowledged', plusMinutes(backlog[0]!.dueAt!, 2));
    expect((await stored(backlog[0]!.id)).overdue).toBe(true);

    const later = await fileAt('2026-05-06T08:00:00Z');
    const run = await runAt(plusMinutes(later.dueAt!, 1));
    expect(run).toMatchObject({ flagged: 1, escalated: 1 });
    // The 31 flagged reports (and the first test's) stay in the agents' overdue list, unread by the run.
    expect(run.reads).toEqual({ reportItems: 1, reportIds: [later.id], watchItems: 1 });
    const overdueList = await store.listByBody({
      territory: SIREN,
      bodyId: SIREN,
      overdue: true,
      order: 'oldest',
      limit: 100,
      now: plusMinutes(later.dueAt!, 1),
    });
    expect(overdueList.items).toHaveLength(32);
  });

  test('a report resolved or rejected before its due date is never flagged nor read', async () => {
    const resolved = await fileAt('2026-05-07T08:00:00Z');
    await move(await move(resolved, 'acknowledged', '2026-05-07T09:00:00Z'), 'resolved', '2026-05-07T10:00:00Z');
    const rejected = await fileAt('2026-05-07T08:00:00Z');
    clock.set('2026-05-07T11:00:00Z');
    await reports.changeStatus(metropolitanAgent, SIREN, rejected.id, {
      to: 'rejected',
      version: rejected.version,
      publicNote: 'Hors domaine public',
    });
    expect(await watchList(SIREN)).toEqual([]);
    const run = await runAt(plusMinutes(resolved.dueAt!, 1));
    expect(run).toMatchObject({ flagged: 0, reads: { reportItems: 0 } });
    expect((await stored(resolved.id)).overdue).toBe(false);
    expect((await stored(rejected.id)).overdue).toBe(false);
  });

  test('re-routed to another body: flagged there at its new due date, not at the old one', async () => {
    const report = await fileAt('2026-05-11T08:00:00Z');
    clock.set('2026-05-11T09:00:00Z');
    const moved = await reports.changeCategory(metropolitanAgent, SIREN, report.id, {
      category: 'espaces-verts',
      version: report.version,
    });
    expect(moved.bodyId).toBe(TOULOUSE);
    expect(moved.dueAt! > report.dueAt!).toBe(true);
    expect(await watchList(SIREN)).toEqual([]);
    expect(await watchList(TOULOUSE)).toEqual([`${moved.dueAt}#${moved.id}`]);

    expect(await runAt(plusMinutes(report.dueAt!, 1))).toMatchObject({ flagged: 0, reads: { reportItems: 0 } });
    // A run that read it before the re-routing (its old due date, its old body) cannot flag it.
    expect(await store.markOverdue(report, plusMinutes(report.dueAt!, 1), undefined)).toBe(false);
    expect((await stored(report.id)).overdue).toBe(false);
    const run = await runAt(plusMinutes(moved.dueAt!, 1));
    expect(run).toMatchObject({ flagged: 1, escalated: 1, reads: { reportIds: [moved.id] } });
  });

  test('a flagged report re-routed gets a new due date: flagged again at it, escalated only the first time', async () => {
    const report = await fileAt('2026-05-12T08:00:00Z');
    expect(await runAt(plusMinutes(report.dueAt!, 1))).toMatchObject({ flagged: 1, escalated: 1 });
    clock.set(plusMinutes(report.dueAt!, 5));
    const flagged = await stored(report.id);
    const moved = await reports.changeCategory(metropolitanAgent, SIREN, report.id, {
      category: 'espaces-verts',
      version: flagged.version,
    });
    expect(moved.overdue).toBe(false);
    expect(await watchList(TOULOUSE)).toEqual([`${moved.dueAt}#${moved.id}`]);
    expect(await runAt(plusMinutes(moved.dueAt!, -1))).toMatchObject({ flagged: 0 });
    expect(await runAt(plusMinutes(moved.dueAt!, 1))).toMatchObject({ flagged: 1, escalated: 0 });
    expect(await stored(report.id)).toMatchObject({ overdue: true, escalatedAt: plusMinutes(report.dueAt!, 1) });
  });

  test('reopened by its reporter past the due date: flagged again by the next run, escalated once in all', async () => {
    const report = await fileAt('2026-05-13T08:00:00Z', 'reopener');
    expect(await runAt(plusMinutes(report.dueAt!, 1))).toMatchObject({ flagged: 1, escalated: 1 });
    const flagged = await stored(report.id);
    const resolved = await move(
      await move(flagged, 'acknowledged', plusMinutes(report.dueAt!, 2)),
      'resolved',
      plusMinutes(report.dueAt!, 3),
    );
    expect(resolved.overdue).toBe(false);
    clock.set(plusMinutes(report.dueAt!, 60));
    const reopened = await reports.reopen(citizen('reopener'), SIREN, report.id, { version: resolved.version });
    expect(reopened).toMatchObject({ status: 'in_progress', overdue: false });
    const run = await runAt(plusMinutes(report.dueAt!, 61));
    expect(run).toMatchObject({ flagged: 1, escalated: 0, reads: { reportIds: [report.id] } });
    expect((await stored(report.id)).overdue).toBe(true);
  });

  test('a stale watch item (closed, flagged, moved or missing report) flags nothing and is removed', async () => {
    const open = await fileAt('2026-05-18T08:00:00Z');
    const closed = await fileAt('2026-05-18T08:00:00Z');
    clock.set('2026-05-18T09:00:00Z');
    await reports.changeStatus(metropolitanAgent, SIREN, closed.id, {
      to: 'rejected',
      version: closed.version,
      publicNote: 'Doublon',
    });
    const flagged = await fileAt('2026-05-18T08:00:00Z');
    // `open` and `flagged` (same due date) are flagged; `closed` is not.
    expect(await runAt(plusMinutes(flagged.dueAt!, 1))).toMatchObject({ flagged: 2 });
    // Written around the store (as a previous version, or a bulk load, could leave them):
    const stale = [
      { reportId: closed.id, dueAt: closed.dueAt! },
      { reportId: flagged.id, dueAt: flagged.dueAt! },
      { reportId: open.id, dueAt: '2026-05-01T00:00:00.000Z' }, // not its due date
      { reportId: newId(), dueAt: '2026-05-01T00:00:00.000Z' }, // no such report
    ];
    for (const s of stale) {
      await dynamoModule.dynamo.send(
        new lib.PutCommand({
          TableName: dynamoModule.TABLE_NAME,
          Item: { pk: storeModule.watchPk(SIREN, SIREN), sk: `${s.dueAt}#${s.reportId}`, ...s },
        }),
      );
    }
    const run = await runAt(plusMinutes(flagged.dueAt!, 2));
    expect(run).toMatchObject({ flagged: 0, escalated: 0 });
    expect(await watchList(SIREN)).toEqual([]);
    expect(await stored(closed.id)).toMatchObject({ status: 'rejected', overdue: false });
    expect((await stored(flagged.id)).escalatedAt).toBe(plusMinutes(flagged.dueAt!, 1));
  });
});

describe('a body whose reports predate the watch items', () => {
  /** A green-space report (Colomiers unless said) as a previous version wrote it: no watch item. */
  const legacy = async (due: string, extra: Partial<Report> = {}, body = COLOMIERS) => {
    const at = '2026-04-01T08:00:00.000Z';
    const report: Report = {
      id: newId(),
      territory: SIREN,
      category: 'espaces-verts',
      commune: body,
      bodyId: body,
      bodyKind: 'commune',
      service: 'espaces-verts',
      description: 'Haie à tailler',
      location: north(COLOMIERS_CENTRE, 20 * ++spot),
      answers: {},
      photos: [],
      status: 'acknowledged',
      channel: 'online',
      createdAt: at,
      updatedAt: at,
      dueAt: due,
      supportCount: 0,
      overdue: false,
      version: 2,
      ...extra,
    };
    await dynamoModule.dynamo.send(
      new lib.PutCommand({ TableName: dynamoModule.TABLE_NAME, Item: storeModule.reportItem(report) }),
    );
    return report;
  };

  test('read from the index until the backfill; then its old reports are found through their watch items', async () => {
    const now = '2026-06-01T08:00:00.000Z';
    const old = await legacy('2026-05-20T08:00:00.000Z');
    const backlog = [];
    for (let i = 0; i < 5; i++) {
      backlog.push(
        await legacy('2026-05-10T08:00:00.000Z', { overdue: true, escalatedAt: '2026-05-10T08:05:00.000Z' }),
      );
    }
    // Not backfilled: found all the same, by reading the body's past-due reports, flagged ones included.
    const before = await runAt(now);
    expect(before).toMatchObject({ flagged: 1, escalated: 1 });
    expect(before.reads.reportItems).toBeGreaterThanOrEqual(1 + backlog.length);
    expect((await stored(old.id)).overdue).toBe(true);

    const pastDue = await legacy('2026-05-25T08:00:00.000Z');
    const notYetDue = await legacy('2026-06-10T08:00:00.000Z');
    await legacy('2026-05-01T08:00:00.000Z', { status: 'resolved', resolvedAt: '2026-04-20T08:00:00.000Z' });
    expect(await storeModule.watchBody(SIREN, COLOMIERS)).toEqual({ watched: 2, marked: false });
    // Again (a retried or second run): the same items, nothing more.
    expect(await storeModule.watchBody(SIREN, COLOMIERS)).toEqual({ watched: 2, marked: true });
    expect((await watchList(COLOMIERS)).sort()).toEqual(
      [`${pastDue.dueAt}#${pastDue.id}`, `${notYetDue.dueAt}#${notYetDue.id}`].sort(),
    );

    const after = await runAt(plusMinutes(now, 5));
    expect(after).toMatchObject({ flagged: 1, escalated: 1, reads: { reportItems: 1, reportIds: [pastDue.id] } });
    // A write by this version on an old report keeps its item: acknowledged → in progress, still watched.
    clock.set(plusMinutes(now, 10));
    const colomiersAgent = agentOf(COLOMIERS);
    await reports.changeStatus(colomiersAgent, SIREN, notYetDue.id, { to: 'in_progress', version: 2 });
    expect(await watchList(COLOMIERS)).toEqual([`${notYetDue.dueAt}#${notYetDue.id}`]);
    expect(await runAt(plusMinutes(notYetDue.dueAt!, 1))).toMatchObject({
      flagged: 1,
      escalated: 1,
      reads: { reportIds: [notYetDue.id] },
    });
  });

  test('a backfill with changes going on meanwhile watches exactly the open reports due and not flagged', async () => {
    const BLAGNAC = '31069';
    const olds = [];
    for (let i = 0; i < 12; i++)
      olds.push(await legacy(`2026-07-${String(10 + i).padStart(2, '0')}T08:00:00.000Z`, {}, BLAGNAC));
    clock.set('2026-06-02T08:00:00.000Z');
    const change = (r: Report, to: Report['status']) =>
      reports.changeStatus(admin, SIREN, r.id, { to, version: r.version, publicNote: 'Fait' });
    await Promise.all([
      storeModule.watchBody(SIREN, BLAGNAC),
      (async () => {
        for (const r of olds.slice(0, 4)) await change(r, 'resolved');
        for (const r of olds.slice(4, 6)) {
          await reports.changeCategory(admin, SIREN, r.id, { category: 'voirie', version: r.version });
        }
        for (const r of olds.slice(6, 8)) await change(r, 'in_progress');
      })(),
    ]);
    const should = async (body: string) => {
      const all = await store.listByBody({
        territory: SIREN,
        bodyId: body,
        order: 'oldest',
        limit: 100,
        now: '2026-01-01',
      });
      return all.items
        .filter((r) => ['new', 'acknowledged', 'in_progress'].includes(r.status) && r.dueAt && !r.overdue)
        .map((r) => `${r.dueAt}#${r.id}`)
        .sort();
    };
    expect((await watchList(BLAGNAC)).sort()).toEqual(await should(BLAGNAC));
    expect(await watchList(BLAGNAC)).toHaveLength(6);
    expect((await watchList(SIREN)).sort()).toEqual(await should(SIREN));
  });
});
