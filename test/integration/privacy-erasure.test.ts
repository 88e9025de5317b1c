/**
 * Erasure against DynamoDB Local: Anne asks, the consumer's use case erases. Afterwards her e-mail,
 * phone and subject are in no item of the table (every item read); her reports stay without her
 * contact; her proposal and comment stay signed "Un habitant"; her support and ballot stay counted;
 * she cannot vote twice; Bob's data is untouched. A run killed midway is finished by the next; a
 * second request while one is pending is the same request.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '../../shared/events/domain-event';
import type { ErasureDeps, ErasureUseCases } from '../../shared/privacy/erasure';
import type { PersonalData } from '../../shared/privacy/personal-data';
import { anne, bob, setUpPrivacy } from '../support/privacy-fixtures';
import { metropolitanAgent, SIREN } from '../support/reports-fixtures';

type Fixture = Awaited<ReturnType<typeof setUpPrivacy>>;
let fixture: Fixture;
let deps: ErasureDeps;
let erasure: ErasureUseCases;
let exportOf: (p: typeof anne) => Promise<PersonalData>;
const auditEvents: DomainEvent[] = [];

const everyItem = async (): Promise<Record<string, unknown>[]> => {
  const { dynamo, TABLE_NAME } = await import('../../shared/runtime/dynamo');
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(new ScanCommand({ TableName: TABLE_NAME, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};

/** Items whose text holds `needle`, except events not yet sent (without queues here, they stay pending). */
const holding = (items: readonly Record<string, unknown>[], needle: string) =>
  items.filter((item) => item.gsi1pk !== 'OUTBOX#PENDING' && JSON.stringify(item).includes(needle));

beforeAll(async () => {
  fixture = await setUpPrivacy('privacy-erasure');
  const { env, ids } = fixture;
  // A citizen's name in a report's history: Anne reopens her report once it is resolved.
  let report = await env.reports.changeStatus(metropolitanAgent, SIREN, ids.annesReport!, {
    to: 'acknowledged',
    version: 1,
  });
  report = await env.reports.changeStatus(metropolitanAgent, SIREN, report.id, {
    to: 'resolved',
    version: report.version,
    publicNote: 'Rebouché',
  });
  await env.reports.reopen(anne, SIREN, report.id, { version: report.version, note: 'Le trou est revenu' });

  const { dynamoReportStore } = await import('../../shared/reports/report-store');
  const { dynamoReportPrivacyStore } = await import('../../shared/reports/report-privacy-store');
  const { dynamoParticipationPrivacyStore } = await import('../../shared/participation/participation-privacy-store');
  const { dynamoErasureRequests } = await import('../../shared/privacy/erasure-store');
  const { makeErasureUseCases } = await import('../../shared/privacy/erasure');
  const { makePersonalDataUseCases } = await import('../../shared/privacy/personal-data');
  const { dynamoPersonStore } = await import('../../shared/privacy/personal-data-store');
  deps = {
    requests: {
      ...dynamoErasureRequests,
      complete: (voterKey, requestId, at, events) => {
        auditEvents.push(...events);
        return dynamoErasureRequests.complete(voterKey, requestId, at, events);
      },
    },
    territories: env.territory,
    reports: {
      listFollowedBy: (siren, sub, limit) => dynamoReportStore.listFollowedBy(siren, sub, limit),
      forgetPeople: (siren, reportId, whom) => dynamoReportPrivacyStore.forgetPeople(siren, reportId, whom),
    },
    participation: dynamoParticipationPrivacyStore,
    clock: env.clock,
    pause: () => Promise.resolve(),
  };
  erasure = makeErasureUseCases(deps);
  exportOf = makePersonalDataUseCases({
    territories: env.territory,
    reports: env.reports,
    person: dynamoPersonStore,
    clock: env.clock,
  }).exportPersonalData;
});

describe('erasure of a citizen’s personal data', () => {
  let requestId: string;
  let voterKey: string;

  test('before: Anne’s e-mail, phone and subject are stored', async () => {
    const items = await everyItem();
    expect(holding(items, 'anne@example.fr').length).toBeGreaterThan(0);
    expect(holding(items, anne.sub).length).toBeGreaterThan(0);
  });

  test('a request is pending at once; asking again while pending is the same request', async () => {
    const first = await erasure.requestErasure(anne);
    const again = await erasure.requestErasure(anne);
    expect(first.state).toBe('pending');
    expect(again.requestId).toBe(first.requestId);
    requestId = first.requestId;
    const { voterKeyOf } = await import('../../shared/participation/participation');
    voterKey = voterKeyOf(anne);
    expect(await erasure.erasureStatus(anne)).toEqual({
      requestId,
      requestedAt: first.requestedAt,
      state: 'pending',
      removed: {},
    });
  });

  test('a run killed midway leaves the rest to the next run, which finishes it', async () => {
    let handled = 0;
    const { makeErasureUseCases } = await import('../../shared/privacy/erasure');
    const crashing = makeErasureUseCases({
      ...deps,
      participation: {
        ...deps.participation,
        erase: async (item, key, now) => {
          if (++handled > 3) throw new Error('the function was killed');
          return deps.participation.erase(item, key, now);
        },
      },
    });
    await expect(crashing.erase({ requestId, voterKey })).rejects.toThrow('killed');
    expect((await erasure.erasureStatus(anne))?.state).toBe('pending');

    const removed = await erasure.erase({ requestId, voterKey });
    // Her name on her report's history: as its filer and as who reopened it.
    expect(removed?.[SIREN]).toMatchObject({ reportContacts: 1, reportSupports: 1, reportHistoryActors: 2 });
    expect((await erasure.erasureStatus(anne))?.state).toBe('done');
  });

  test('her e-mail, phone and subject are in no item of the table afterwards', async () => {
    const items = await everyItem();
    expect(holding(items, 'anne@example.fr')).toEqual([]);
    expect(holding(items, '0600000001')).toEqual([]);
    expect(holding(items, anne.sub)).toEqual([]);
    // Her pseudonymous key stays only where it must: the mark that she voted and the request (30 days);
    // the request's event too, pending here (no queues), sent and kept 14 days in a deployment.
    const keyed = holding(items, voterKey).map((item) => String(item.sk).split('#')[0]);
    expect(keyed.sort()).toEqual(['REQUEST', 'VOTED']);
  });

  test('her reports stay, without her contact; the report she supported keeps its count', async () => {
    const { env, ids } = fixture;
    const own = await env.store.get(SIREN, ids.annesReport!);
    expect(own).toMatchObject({ id: ids.annesReport, status: 'in_progress' });
    expect(own?.contact).toBeUndefined();
    expect(own?.reporterSub).toBeUndefined();
    expect((await env.store.get(SIREN, ids.bobsReport!))?.supportCount).toBe(1);
  });

  test('her proposal and comment stay, signed "Un habitant"; her support of Bob’s proposal still counts', async () => {
    const { participation, ids } = fixture;
    const mine = await participation.getProposal(undefined, SIREN, ids.consultation!, ids.annesProposal!);
    expect(mine.proposal.authorName).toBe('Un habitant');
    const bobs = await participation.getProposal(undefined, SIREN, ids.consultation!, ids.bobsProposal!);
    expect(bobs.proposal.authorName).toBe('Bob');
    expect(bobs.proposal.supportCount).toBe(1);
    const comments = await participation.listComments(SIREN, ids.consultation!, ids.bobsProposal!, { limit: 10 });
    expect(comments.items.map((c) => c.authorName)).toEqual(['Un habitant']);
  });

  test('her ballot stays counted, unlinked; she cannot vote a second time', async () => {
    const { participation, ids, env } = fixture;
    await expect(participation.submitBallot(anne, SIREN, ids.consultation!, [ids.project!])).rejects.toMatchObject({
      rule: 'already-voted',
    });
    env.clock.set('2026-04-15T00:00:01.000Z');
    await participation.advancePhases();
    const results = await participation.getResults(undefined, SIREN, ids.consultation!);
    expect(results).toMatchObject({ kind: 'budget', ballots: 1 });
    expect(results.kind === 'budget' && results.projects.find((p) => p.projectId === ids.project)?.votes).toBe(1);
  });

  test('her export is empty; Bob’s is whole', async () => {
    const hers = await exportOf(anne);
    expect(hers.reports).toEqual([]);
    expect(Object.values(hers.participation).flat()).toEqual([]);
    const bobs = await exportOf(bob);
    expect(bobs.reports.map((r) => r.report.contact?.email)).toEqual(['bob@example.fr']);
    expect(bobs.participation.proposals.map((p) => p.authorName)).toEqual(['Bob']);
  });

  test('the audit says what was removed, in counts, and who asked — never the data', async () => {
    expect(auditEvents.map((e) => [e.type, e.territory])).toEqual([['privacy.personal-data-erased', SIREN]]);
    const text = JSON.stringify(auditEvents);
    expect(text).toContain('data-subject');
    expect(text).not.toContain('anne@example.fr');
    expect(text).not.toContain(anne.sub);
    expect(auditEvents[0]?.data).toMatchObject({
      after: { requestId, removed: { proposals: 1, comments: 1, supports: 1, flags: 1, ballots: 1, profiles: 1 } },
    });
  });

  test('a redelivered request changes nothing', async () => {
    const before = await everyItem();
    expect(await erasure.erase({ requestId, voterKey })).toBeUndefined();
    expect((await everyItem()).length).toBe(before.length);
  });
});
