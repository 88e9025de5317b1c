/**
 * Supports against DynamoDB Local: one per citizen and proposal, the count exact under concurrent
 * clicks and retries, and the "most supported" order moving with it.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Proposal } from '../../shared/participation/participation';
import {
  citizen,
  refusal,
  setUpParticipation,
  SIREN,
  TOULOUSE,
  toulouseAgent,
} from '../support/participation-fixtures';

let env: Awaited<ReturnType<typeof setUpParticipation>>;
let consultationId: string;

const submit = (author: string, title: string) =>
  env.participation.submitProposal(citizen(author), SIREN, consultationId, { title, body: '…', displayName: author });

/** The support items themselves, counted apart from the proposal's counter. */
const supportItems = async (proposal: Proposal): Promise<number> => {
  const { dynamo, TABLE_NAME } = await import('../../shared/runtime/dynamo');
  const { Count = 0 } = await dynamo.send(
    new QueryCommand({
      TableName: TABLE_NAME,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': `TERRITORY#${SIREN}#CONSULTATION#${consultationId}`,
        ':prefix': `SUPPORT#${proposal.id}#`,
      },
      Select: 'COUNT',
      ConsistentRead: true,
    }),
  );
  return Count;
};

const countOf = async (proposal: Proposal) =>
  (await env.store.getProposal(SIREN, consultationId, proposal.id))!.supportCount;

beforeAll(async () => {
  env = await setUpParticipation('participation-supports');
  const consultation = await env.createConsultation(toulouseAgent, SIREN, {
    scope: { level: 'commune', insee: TOULOUSE },
    title: 'Des idées pour les berges de la Garonne',
    body: 'Proposez, soutenez.',
    schedule: { proposals: '2026-03-01T08:00:00.000Z', closed: '2026-04-01T00:00:00.000Z' },
    eligibility: { residents: 'anyone', acceptDeclaredResidence: false },
  });
  consultationId = consultation.id;
});

test('50 citizens supporting one proposal at the same moment give a count of exactly 50', async () => {
  const proposal = await submit('alice', 'Des bancs à l’ombre');

  const results = await Promise.allSettled(
    Array.from({ length: 50 }, (_, i) =>
      env.participation.support(citizen(`fan-${i}`), SIREN, consultationId, proposal.id),
    ),
  );

  expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
  expect(await countOf(proposal)).toBe(50);
  expect(await supportItems(proposal)).toBe(50);
});

test('one citizen clicking ten times at once, then retrying, supports once', async () => {
  const proposal = await submit('bruno', 'Une fontaine à boire');
  const eager = citizen('eager');

  await Promise.all(
    Array.from({ length: 10 }, () => env.participation.support(eager, SIREN, consultationId, proposal.id)),
  );
  const retried = await env.participation.support(eager, SIREN, consultationId, proposal.id);

  expect(retried).toEqual({ supported: true, supportCount: 1 });
  expect(await countOf(proposal)).toBe(1);
  expect(await supportItems(proposal)).toBe(1);
});

test('supports and withdrawals racing each other leave the count equal to the supports that remain', async () => {
  const proposal = await submit('chloe', 'Plus de pistes cyclables');
  const early = Array.from({ length: 20 }, (_, i) => citizen(`early-${i}`));
  await Promise.all(early.map((c) => env.participation.support(c, SIREN, consultationId, proposal.id)));

  await Promise.all([
    ...early.slice(0, 10).map((c) => env.participation.withdrawSupport(c, SIREN, consultationId, proposal.id)),
    ...Array.from({ length: 15 }, (_, i) =>
      env.participation.support(citizen(`late-${i}`), SIREN, consultationId, proposal.id),
    ),
    // A withdrawal repeated (a retry) withdraws once.
    env.participation.withdrawSupport(early[0]!, SIREN, consultationId, proposal.id),
  ]);

  expect(await countOf(proposal)).toBe(25);
  expect(await supportItems(proposal)).toBe(25);
});

test('the most supported order follows the exact counts', async () => {
  const { items } = await env.participation.listProposals(undefined, SIREN, consultationId, 'supported', { limit: 3 });
  expect(items.map((p) => p.supportCount)).toEqual([50, 25, 1]);
});

test('a support once the proposals phase is over is refused by the phase rule', async () => {
  const proposal = await submit('dora', 'Un jardin partagé');
  env.clock.set('2026-04-01T00:00:00.000Z');
  await env.participation.advancePhases();

  expect(await refusal(env.participation.support(citizen('late'), SIREN, consultationId, proposal.id))).toBe(
    'consultation-phase',
  );
  expect(await refusal(env.participation.withdrawSupport(citizen('late'), SIREN, consultationId, proposal.id))).toBe(
    'consultation-phase',
  );
});
