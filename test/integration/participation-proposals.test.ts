/**
 * Proposals, comments and moderation against DynamoDB Local: the three orders served by Queries
 * and paginated by cursor, the random order stable per seed with no proposal always last,
 * comments one level deep, hidden content out of public lists but kept, every moderation act
 * announced for the audit.
 */
import type { Proposal } from '../../shared/participation/participation';
import type { ProposalOrder } from '../../shared/participation/participation-ports';
import {
  citizen,
  colomiersAgent,
  refusal,
  setUpParticipation,
  SIREN,
  square,
  TOULOUSE,
  toulouseAgent,
} from '../support/participation-fixtures';

let env: Awaited<ReturnType<typeof setUpParticipation>>;
let consultationId: string;
let proposals: Proposal[];

const PROPOSALS = 45;

/** Every page of a list, following the cursors. */
const walk = async (order: ProposalOrder, limit: number, seed?: string, viewer = citizen('reader')) => {
  const seen: Proposal[] = [];
  let cursor: string | undefined;
  do {
    const page = await env.participation.listProposals(viewer, SIREN, consultationId, order, { limit, cursor, seed });
    seen.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return seen;
};

beforeAll(async () => {
  env = await setUpParticipation('participation-proposals');
  const consultation = await env.createConsultation(toulouseAgent, SIREN, {
    scope: { level: 'commune', insee: TOULOUSE },
    title: 'Le quartier Saint-Cyprien',
    body: '…',
    // The district: proposals must lie inside it.
    area: square(1.43, 43.6, 0.005),
    schedule: { proposals: '2026-03-01T08:00:00.000Z' },
    eligibility: { residents: 'anyone', acceptDeclaredResidence: false },
  });
  consultationId = consultation.id;
  proposals = [];
  for (let i = 0; i < PROPOSALS; i++) {
    env.clock.set(new Date(Date.parse('2026-03-02T00:00:00Z') + i * 60_000).toISOString());
    proposals.push(
      await env.participation.submitProposal(citizen(`author-${i}`), SIREN, consultationId, {
        title: `Idée ${i}`,
        body: '…',
        displayName: `Auteur ${i}`,
      }),
    );
  }
  // Proposal i gets i % 5 supports.
  await Promise.all(
    proposals.flatMap((p, i) =>
      Array.from({ length: i % 5 }, (_, k) =>
        env.participation.support(citizen(`fan-${k}`), SIREN, consultationId, p.id),
      ),
    ),
  );
});

describe('listing proposals', () => {
  test('newest first, page by page, each proposal once', async () => {
    const seen = await walk('newest', 10);
    // Ids are time-sorted (ULID): newest first is descending ids.
    expect(seen.map((p) => p.id)).toEqual(
      proposals
        .map((p) => p.id)
        .sort()
        .reverse(),
    );
  });

  test('most supported first, page by page, each proposal once', async () => {
    const seen = await walk('supported', 7);
    const counts = seen.map((p) => p.supportCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(new Set(seen.map((p) => p.id)).size).toBe(PROPOSALS);
    expect(counts[0]).toBe(4);
  });

  test('random: every proposal once, across pages and the wrap-around of the ring', async () => {
    const seen = await walk('random', 8, undefined, citizen('walker'));
    expect(seen.map((p) => p.id).sort()).toEqual(proposals.map((p) => p.id).sort());
  });

  test('random: the same citizen gets the same order at every visit; other citizens start elsewhere', async () => {
    const first = await walk('random', 50, undefined, citizen('same'));
    const again = await walk('random', 50, undefined, citizen('same'));
    expect(again.map((p) => p.id)).toEqual(first.map((p) => p.id));

    const lastOfEach = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const order = await walk('random', 50, undefined, citizen(`visitor-${i}`));
      lastOfEach.add(order.at(-1)!.id);
    }
    // No proposal is always last.
    expect(lastOfEach.size).toBeGreaterThan(3);
  });

  test('random for an anonymous visitor: a seed is given back, and passing it back gives the same order', async () => {
    const page = await env.participation.listProposals(undefined, SIREN, consultationId, 'random', { limit: 5 });
    expect(page.seed).toEqual(expect.any(String));
    const again = await env.participation.listProposals(undefined, SIREN, consultationId, 'random', {
      limit: 5,
      seed: page.seed,
    });
    expect(again.items.map((p) => p.id)).toEqual(page.items.map((p) => p.id));
  });

  test("a cursor from another consultation's list is refused", async () => {
    const other = await env.createConsultation(toulouseAgent, SIREN, {
      scope: { level: 'commune', insee: TOULOUSE },
      title: 'Autre',
      body: '…',
      schedule: {},
      eligibility: { residents: 'anyone', acceptDeclaredResidence: false },
    });
    const { cursor } = await env.participation.listProposals(undefined, SIREN, consultationId, 'newest', { limit: 2 });
    expect(
      await refusal(env.participation.listProposals(undefined, SIREN, other.id, 'newest', { limit: 2, cursor })),
    ).toBe('InvalidCursorError');
  });
});

describe('submitting', () => {
  test('a location outside the district is refused by the location rule; inside it is kept', async () => {
    const outside = { title: 'Loin', body: '…', displayName: 'X', location: { lat: 43.615, lon: 1.335 } };
    expect(await refusal(env.participation.submitProposal(citizen('far'), SIREN, consultationId, outside))).toBe(
      'proposal-location',
    );
    const inside = { ...outside, title: 'Près', location: { lat: 43.602, lon: 1.432 } };
    await expect(
      env.participation.submitProposal(citizen('near'), SIREN, consultationId, inside),
    ).resolves.toMatchObject({
      location: inside.location,
    });
  });

  test('without a display name (given or in the profile) a proposal is refused; with a profile name it is used', async () => {
    const shy = citizen('shy');
    const input = { title: 'Sans nom', body: '…' };
    expect(await refusal(env.participation.submitProposal(shy, SIREN, consultationId, input))).toBe(
      'display-name-required',
    );
    await env.participation.saveProfile(shy, SIREN, { displayName: 'Discrète' });
    await expect(env.participation.submitProposal(shy, SIREN, consultationId, input)).resolves.toMatchObject({
      authorName: 'Discrète',
    });
  });
});

describe('comments', () => {
  test('go one level deep: an answer to a comment is accepted, an answer to an answer is refused by a rule', async () => {
    const on = proposals[0]!.id;
    const top = await env.participation.addComment(citizen('c1'), SIREN, consultationId, on, {
      body: 'Bonne idée',
      displayName: 'Un',
    });
    const answer = await env.participation.addComment(citizen('c2'), SIREN, consultationId, on, {
      body: 'Merci',
      replyTo: top.id,
      displayName: 'Deux',
    });
    expect(
      await refusal(
        env.participation.addComment(citizen('c3'), SIREN, consultationId, on, {
          body: 'Et moi ?',
          replyTo: answer.id,
          displayName: 'Trois',
        }),
      ),
    ).toBe('comment-depth');

    const { items } = await env.participation.listComments(SIREN, consultationId, on, { limit: 10 });
    expect(items.map((c) => [c.body, c.replyTo])).toEqual([
      ['Bonne idée', undefined],
      ['Merci', top.id],
    ]);
    expect((await env.store.getProposal(SIREN, consultationId, on))!.commentCount).toBe(2);
  });
});

describe('moderation', () => {
  test('a citizen flags a proposal once, with a reason; it waits in the moderation queue', async () => {
    const target = { kind: 'proposal' as const, proposalId: proposals[1]!.id };
    const first = await env.participation.flag(citizen('watcher'), SIREN, consultationId, target, 'Propos injurieux');
    const again = await env.participation.flag(citizen('watcher'), SIREN, consultationId, target, 'Propos injurieux');

    expect([first.counted, again.counted]).toEqual([true, false]);
    const { items } = await env.participation.listModeration(toulouseAgent, SIREN, consultationId, 'pending', {
      limit: 10,
    });
    expect(items).toEqual([expect.objectContaining({ target, flagCount: 1, lastReason: 'Propos injurieux' })]);
  });

  test('hidden by a moderator: out of every public list, shown by its reason only, kept, and back when restored', async () => {
    const hiddenOne = proposals[1]!;
    const target = { kind: 'proposal' as const, proposalId: hiddenOne.id };
    await env.participation.moderate(toulouseAgent, SIREN, consultationId, target, 'Contenu injurieux');

    for (const order of ['newest', 'supported', 'random'] as const) {
      expect((await walk(order, 50)).map((p) => p.id)).not.toContain(hiddenOne.id);
    }
    const publicView = await env.participation.getProposal(undefined, SIREN, consultationId, hiddenOne.id);
    expect(publicView).toMatchObject({ moderator: false, proposal: { hidden: { reason: 'Contenu injurieux' } } });
    expect(await refusal(env.participation.support(citizen('late-fan'), SIREN, consultationId, hiddenOne.id))).toBe(
      'NotFoundError',
    );
    const queue = await env.participation.listModeration(toulouseAgent, SIREN, consultationId, 'hidden', { limit: 10 });
    expect(queue.items.map((m) => m.target)).toEqual([target]);

    await env.participation.moderate(toulouseAgent, SIREN, consultationId, target, null);
    expect((await walk('newest', 50)).map((p) => p.id)).toContain(hiddenOne.id);
    expect((await walk('supported', 50)).find((p) => p.id === hiddenOne.id)?.supportCount).toBe(1);
  });

  test('a flagged comment, once hidden, leaves the list of comments and the pending queue for the hidden one', async () => {
    const on = proposals[2]!.id;
    const rude = await env.participation.addComment(citizen('rude'), SIREN, consultationId, on, {
      body: 'Grossièretés',
      displayName: 'Rude',
    });
    const target = { kind: 'comment' as const, proposalId: on, commentId: rude.id };
    await env.participation.flag(citizen('offended'), SIREN, consultationId, target, 'Insultes');

    await env.participation.moderate(toulouseAgent, SIREN, consultationId, target, 'Grossièretés');

    const { items } = await env.participation.listComments(SIREN, consultationId, on, { limit: 10 });
    expect(items.map((c) => c.id)).not.toContain(rude.id);
    const queue = (status: 'pending' | 'hidden') =>
      env.participation.listModeration(toulouseAgent, SIREN, consultationId, status, { limit: 10 });
    expect((await queue('pending')).items.map((m) => m.target)).not.toContainEqual(target);
    expect((await queue('hidden')).items).toContainEqual(expect.objectContaining({ target, flagCount: 1 }));
  });

  test("an agent of another commune may not moderate Toulouse's consultation", async () => {
    const target = { kind: 'proposal' as const, proposalId: proposals[3]!.id };
    expect(await refusal(env.participation.moderate(colomiersAgent, SIREN, consultationId, target, 'Non'))).toBe(
      'ForbiddenError',
    );
  });

  test('every moderation act is announced for the audit, with before and after', async () => {
    const hidden = await env.pendingEvents('participation.proposal-hidden');
    const restored = await env.pendingEvents('participation.proposal-restored');
    const flagged = await env.pendingEvents('participation.proposal-flagged');
    expect(hidden[0]).toMatchObject({
      actor: { sub: toulouseAgent.sub, role: 'agent' },
      data: { before: { hidden: null }, after: { hidden: { reason: 'Contenu injurieux' } } },
    });
    expect(restored[0]).toMatchObject({
      data: { before: { hidden: { reason: 'Contenu injurieux' } }, after: { hidden: null } },
    });
    expect(flagged).toHaveLength(1);
    expect(await env.pendingEvents('participation.comment-hidden')).toHaveLength(1);
  });
});
