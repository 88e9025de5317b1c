/**
 * The workflow against DynamoDB Local: legal and illegal transitions, who may move a report,
 * optimistic locking, reopening, duplicates, and the event each change emits with it.
 */
import type { Report } from '../../shared/reports/report';
import { publicHistory } from '../../shared/reports/report-views';
import {
  admin,
  agentOf,
  citizen,
  COLOMIERS,
  metropolitanAgent,
  pothole,
  setUpReports,
  SIREN,
  TOULOUSE,
  type ReportsFixture,
} from '../support/reports-fixtures';

let reports: ReportsFixture['reports'];
let store: ReportsFixture['store'];
let clock: ReportsFixture['clock'];
let events: ReportsFixture['events'];
let errors: ReportsFixture['errors'];
let domain: ReportsFixture['domain'];

beforeAll(async () => {
  ({ reports, store, clock, events, errors, domain } = await setUpReports('reports-workflow', {
    start: '2026-05-04T08:00:00Z',
  }));
});

const toulouseAgent = agentOf(TOULOUSE);
const greenSpace = () =>
  reports.fileReport(citizen('jeanne'), SIREN, { ...pothole(), category: 'espaces-verts', answers: {} });
const move = (report: Pick<Report, 'id' | 'version'>, to: Report['status'], extra: object = {}) =>
  reports.changeStatus(toulouseAgent, SIREN, report.id, { to, version: report.version, ...extra });

describe('the path of a report', () => {
  test('new → acknowledged → in_progress → resolved, each step kept with who, when and both notes', async () => {
    const filed = await greenSpace();
    const acknowledged = await move(filed, 'acknowledged', { publicNote: 'Vu', internalNote: 'Équipe nord' });
    const working = await move(acknowledged, 'in_progress');
    clock.set('2026-05-05T16:00:00Z');
    const resolved = await move(working, 'resolved', { publicNote: 'Branche enlevée' });

    expect(resolved).toMatchObject({
      status: 'resolved',
      version: 4,
      acknowledgedAt: '2026-05-04T08:00:00.000Z',
      resolvedAt: '2026-05-05T16:00:00.000Z',
    });
    const { history } = await reports.getDetails(toulouseAgent, SIREN, filed.id);
    expect(history.map((h) => [h.from, h.to])).toEqual([
      [null, 'new'],
      ['new', 'acknowledged'],
      ['acknowledged', 'in_progress'],
      ['in_progress', 'resolved'],
    ]);
    expect(history[1]).toMatchObject({
      publicNote: 'Vu',
      internalNote: 'Équipe nord',
      actor: { sub: toulouseAgent.sub, role: 'agent' },
      at: '2026-05-04T08:00:00.000Z',
    });
  });

  test('each change emits its event, with what a notifier needs and no personal data', async () => {
    const filed = await greenSpace();
    await move(filed, 'acknowledged', { publicNote: 'Pris en compte', internalNote: 'secret' });
    const [filedEvent, changed] = events.filter((e) => e.subject === `report/${filed.id}`);
    expect(filedEvent).toMatchObject({
      type: 'reports.filed',
      territory: SIREN,
      data: { reportId: filed.id, commune: TOULOUSE, bodyId: TOULOUSE, status: 'new', channel: 'online' },
    });
    expect(changed).toMatchObject({
      type: 'reports.status-changed',
      actor: { sub: toulouseAgent.sub, role: 'agent' },
      data: {
        reportId: filed.id,
        territory: SIREN,
        commune: TOULOUSE,
        from: 'new',
        to: 'acknowledged',
        publicNote: 'Pris en compte',
        reopened: false,
        version: 2,
      },
    });
    expect(JSON.stringify(changed)).not.toMatch(/secret|jeanne@example/);
    expect(await store.followers(SIREN, filed.id)).toEqual([
      expect.objectContaining({ sub: 'jeanne', email: 'jeanne@example.fr', reason: 'reporter' }),
    ]);
  });

  test('an illegal transition is a conflict naming from and to, and changes nothing', async () => {
    const filed = await greenSpace();
    const attempt = move(filed, 'resolved');
    await expect(attempt).rejects.toBeInstanceOf(errors.ConflictError);
    await expect(attempt).rejects.toThrow('A report cannot go from new to resolved');
    expect((await store.get(SIREN, filed.id))?.status).toBe('new');
  });

  test('a rejection must tell the citizen why', async () => {
    const filed = await greenSpace();
    await expect(move(filed, 'rejected')).rejects.toMatchObject({ rule: 'rejection-reason' });
  });
});

describe('who moves a report', () => {
  test('an agent of another commune may not: 403, nothing changes', async () => {
    const filed = await greenSpace();
    await expect(
      reports.changeStatus(agentOf(COLOMIERS), SIREN, filed.id, { to: 'acknowledged', version: 1 }),
    ).rejects.toBeInstanceOf(errors.ForbiddenError);
    expect((await store.get(SIREN, filed.id))?.version).toBe(1);
  });

  test("a metropolitan agent may not move a commune's report, a territory admin may", async () => {
    const filed = await greenSpace();
    await expect(
      reports.changeStatus(metropolitanAgent, SIREN, filed.id, { to: 'acknowledged', version: 1 }),
    ).rejects.toBeInstanceOf(errors.ForbiddenError);
    await expect(
      reports.changeStatus(admin, SIREN, filed.id, { to: 'acknowledged', version: 1 }),
    ).resolves.toMatchObject({ status: 'acknowledged' });
  });
});

describe('optimistic locking', () => {
  test('a change from a version already superseded is refused as stale', async () => {
    const filed = await greenSpace();
    await move(filed, 'acknowledged');
    const stale = move(filed, 'rejected', { publicNote: 'Hors compétence' });
    await expect(stale).rejects.toBeInstanceOf(domain.StaleVersionError);
    await expect(stale).rejects.toThrow('changed since version 1 (it is at version 2)');
  });

  test('two agents changing the same version at once: one wins, the other gets a conflict', async () => {
    const filed = await greenSpace();
    const results = await Promise.allSettled([
      move(filed, 'acknowledged', { publicNote: 'Agent A' }),
      move(filed, 'rejected', { publicNote: 'Agent B' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: expect.any(errors.ConflictError) });
    const { report, history } = await reports.getDetails(admin, SIREN, filed.id);
    expect(report.version).toBe(2);
    expect(history).toHaveLength(2);
  });
});

describe('reopening', () => {
  const resolvedReport = async () => {
    clock.set('2026-05-04T08:00:00Z');
    const filed = await greenSpace();
    const resolved = await move(await move(filed, 'acknowledged'), 'resolved', { publicNote: 'Fait' });
    return resolved;
  };

  test('the reporter reopens within 30 days: back in progress, as a reopening', async () => {
    const resolved = await resolvedReport();
    clock.set('2026-05-20T08:00:00Z');
    const reopened = await reports.reopen(citizen('jeanne'), SIREN, resolved.id, {
      version: resolved.version,
      publicNote: 'La branche est toujours là',
    });
    expect(reopened.status).toBe('in_progress');
    expect(reopened.resolvedAt).toBeUndefined();
    expect(events.at(-1)).toMatchObject({ data: { from: 'resolved', to: 'in_progress', reopened: true } });
    expect(events.at(-1)!.data).not.toHaveProperty('publicNote');
    // The citizen's words are for the agents: the public history (what anyone reads) leaves them out.
    const { history } = await reports.getDetails(toulouseAgent, SIREN, resolved.id);
    expect(history.at(-1)).toMatchObject({ to: 'in_progress', internalNote: 'La branche est toujours là' });
    expect(history.at(-1)).not.toHaveProperty('publicNote');
    expect(JSON.stringify(publicHistory(history))).not.toContain('toujours là');
  });

  test('only a resolved report is reopened: an acknowledged one is refused, and stays as it was', async () => {
    clock.set('2026-05-04T08:00:00Z');
    const acknowledged = await move(await greenSpace(), 'acknowledged');
    await expect(
      reports.reopen(citizen('jeanne'), SIREN, acknowledged.id, {
        version: acknowledged.version,
        note: 'Rien ne bouge',
      }),
    ).rejects.toMatchObject({ rule: 'reopen-resolved-only' });
    expect((await store.get(SIREN, acknowledged.id))?.status).toBe('acknowledged');
  });

  test('after 30 days it is refused by a rule; another citizen may not reopen at all', async () => {
    const resolved = await resolvedReport();
    await expect(
      reports.reopen(citizen('someone-else'), SIREN, resolved.id, { version: resolved.version }),
    ).rejects.toBeInstanceOf(errors.ForbiddenError);
    clock.set('2026-06-05T08:00:00Z');
    await expect(
      reports.reopen(citizen('jeanne'), SIREN, resolved.id, { version: resolved.version }),
    ).rejects.toMatchObject({ rule: 'reopen-window' });
  });
});

describe('duplicates', () => {
  test('marking a duplicate closes it and makes its reporter follow the original', async () => {
    clock.set('2026-05-04T08:00:00Z');
    const original = await greenSpace();
    const copy = await reports.fileReport(undefined, SIREN, {
      ...pothole(),
      category: 'espaces-verts',
      answers: {},
      contact: { email: 'paul@example.fr' },
    });
    const closed = await move(copy, 'duplicate', { duplicateOf: original.id, publicNote: 'Déjà signalé' });
    expect(closed).toMatchObject({
      status: 'duplicate',
      duplicateOf: original.id,
      closedAt: clock.now().toISOString(),
    });
    expect(events.at(-1)).toMatchObject({ data: { to: 'duplicate', duplicateOf: original.id } });
    expect((await store.followers(SIREN, original.id)).map((f) => [f.email, f.reason]).sort()).toEqual([
      ['jeanne@example.fr', 'reporter'],
      ['paul@example.fr', 'duplicate-reporter'],
    ]);
  });

  test('a report is not a duplicate of itself, nor of a duplicate', async () => {
    const original = await greenSpace();
    const first = await greenSpace();
    const second = await greenSpace();
    await expect(move(first, 'duplicate', { duplicateOf: first.id })).rejects.toMatchObject({
      rule: 'duplicate-of-another',
    });
    await move(first, 'duplicate', { duplicateOf: original.id });
    await expect(move(second, 'duplicate', { duplicateOf: first.id })).rejects.toMatchObject({
      rule: 'duplicate-of-original',
    });
    await expect(move(second, 'acknowledged', { duplicateOf: original.id })).rejects.toBeInstanceOf(
      errors.InvalidInputError,
    );
  });
});
