/**
 * The moderation queue as the back office reads it (`moderationQueue`) against DynamoDB Local:
 * each flagged content with its text and the reasons of its flags, never who flagged; a hidden
 * one in the hidden list with its public reason; refused to an agent of another commune. And the
 * edit of a consultation the back office offers (`editConsultation`).
 */
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

beforeAll(async () => {
  env = await setUpParticipation('participation-moderation-queue');
  consultationId = (
    await env.createConsultation(toulouseAgent, SIREN, {
      scope: { level: 'commune', insee: TOULOUSE },
      title: 'Les berges',
      body: '…',
      schedule: { proposals: '2026-03-01T08:00:00.000Z' },
      eligibility: { residents: 'anyone', acceptDeclaredResidence: false },
    })
  ).id;
});

test('each flagged content comes with its text and its flags’ reasons, not the flaggers; hidden ones apart', async () => {
  const flagged = await env.participation.submitProposal(citizen('a'), SIREN, consultationId, {
    title: 'Achetez mes vélos',
    body: 'Prix cassés',
    displayName: 'Vendeur',
  });
  const quiet = await env.participation.submitProposal(citizen('b'), SIREN, consultationId, {
    title: 'Des bancs',
    body: 'À l’ombre',
    displayName: 'Promeneuse',
  });
  const comment = await env.participation.addComment(citizen('c'), SIREN, consultationId, quiet.id, {
    body: 'Nul',
    displayName: 'Grincheux',
  });
  const proposalTarget = { kind: 'proposal' as const, proposalId: flagged.id };
  const commentTarget = { kind: 'comment' as const, proposalId: quiet.id, commentId: comment.id };
  await env.participation.flag(citizen('x'), SIREN, consultationId, proposalTarget, 'Publicité');
  await env.participation.flag(citizen('y'), SIREN, consultationId, proposalTarget, 'Commercial');
  await env.participation.flag(citizen('z'), SIREN, consultationId, commentTarget, 'Agressif');

  const pending = await env.participation.moderationQueue(toulouseAgent, SIREN, consultationId, 'pending', {
    limit: 10,
  });
  const byKind = Object.fromEntries(pending.items.map((item) => [item.target.kind, item]));
  expect(pending.items).toHaveLength(2);
  expect(byKind.proposal).toMatchObject({ flagCount: 2, content: { title: 'Achetez mes vélos', body: 'Prix cassés' } });
  expect(byKind.proposal!.flags.map((f) => f.reason).sort()).toEqual(['Commercial', 'Publicité']);
  expect(byKind.comment).toMatchObject({ flagCount: 1, content: { body: 'Nul' }, flags: [{ reason: 'Agressif' }] });
  // Who flagged stays in the keys: a flag is its reason and its time only.
  expect(Object.keys(byKind.comment!.flags[0]!).sort()).toEqual(['at', 'reason']);

  await env.participation.moderate(toulouseAgent, SIREN, consultationId, proposalTarget, 'Publicité');
  const after = await env.participation.moderationQueue(toulouseAgent, SIREN, consultationId, 'pending', { limit: 10 });
  expect(after.items.map((item) => item.target)).toEqual([commentTarget]);
  const hidden = await env.participation.moderationQueue(toulouseAgent, SIREN, consultationId, 'hidden', { limit: 10 });
  expect(hidden.items).toEqual([
    expect.objectContaining({
      target: proposalTarget,
      content: expect.objectContaining({ hidden: expect.objectContaining({ reason: 'Publicité' }) }),
    }),
  ]);

  expect(
    await refusal(env.participation.moderationQueue(colomiersAgent, SIREN, consultationId, 'pending', { limit: 10 })),
  ).toBe('ForbiddenError');
});

test('an agent edits a consultation: text and later dates any time before closing, eligibility and area before proposals', async () => {
  env.clock.set('2026-03-10T08:00:00.000Z');
  const c = await env.createConsultation(toulouseAgent, SIREN, {
    scope: { level: 'commune', insee: TOULOUSE },
    title: 'Le square',
    body: '…',
    schedule: { proposals: '2026-04-01T08:00:00.000Z' },
    eligibility: { residents: 'anyone', acceptDeclaredResidence: false },
  });
  const edited = await env.participation.editConsultation(toulouseAgent, SIREN, c.id, {
    title: 'Le square Guilhem',
    body: 'Que planter ?',
    version: c.version,
    schedule: { proposals: '2026-03-20T08:00:00+01:00', closed: '2026-05-01T08:00:00.000Z' },
    eligibility: { residents: 'scope', acceptDeclaredResidence: true, minimumAge: 16 },
    area: square(1.43, 43.6, 0.005),
  });
  expect(edited).toMatchObject({
    title: 'Le square Guilhem',
    version: c.version + 1,
    schedule: { proposals: '2026-03-20T07:00:00.000Z', closed: '2026-05-01T08:00:00.000Z' },
    eligibility: { residents: 'scope', minimumAge: 16 },
    dueAt: '2026-03-20T07:00:00.000Z',
  });
  expect(edited.areaBbox).toBeDefined();
  expect((await env.participation.getConsultation(SIREN, c.id)).area).toBeDefined();
  // A form read before that edit is stale.
  expect(
    await refusal(
      env.participation.editConsultation(toulouseAgent, SIREN, c.id, { title: 'Autre', body: '…', version: c.version }),
    ),
  ).toBe('ConflictError');
  expect(
    await refusal(
      env.participation.editConsultation(toulouseAgent, SIREN, c.id, {
        title: 'Le square',
        body: '…',
        version: edited.version,
        schedule: { voting: '2026-04-10T08:00:00.000Z' },
      }),
    ),
  ).toBe('budget-voting');

  const moved = await env.participation.movePhase(toulouseAgent, SIREN, c.id, {
    phase: 'proposals',
    reason: 'Ouverture',
  });
  expect(
    await refusal(
      env.participation.editConsultation(toulouseAgent, SIREN, c.id, {
        title: 'Le square',
        body: '…',
        version: moved.version,
        eligibility: { residents: 'anyone', acceptDeclaredResidence: false },
      }),
    ),
  ).toBe('consultation-started');
  // The area removed is refused the same way once proposals are open; the text still changes.
  expect(
    await refusal(
      env.participation.editConsultation(toulouseAgent, SIREN, c.id, {
        title: 'Le square',
        body: '…',
        version: moved.version,
        area: null,
      }),
    ),
  ).toBe('consultation-started');
  const retitled = await env.participation.editConsultation(toulouseAgent, SIREN, c.id, {
    title: 'Le square fleuri',
    body: '…',
    version: moved.version,
  });
  expect(retitled).toMatchObject({ title: 'Le square fleuri', phase: 'proposals', eligibility: { minimumAge: 16 } });
  expect(
    await refusal(
      env.participation.editConsultation(colomiersAgent, SIREN, c.id, {
        title: 'x',
        body: '…',
        version: retitled.version,
      }),
    ),
  ).toBe('ForbiddenError');
  const events = await env.pendingEvents('participation.consultation-edited');
  expect(events.filter((e) => e.subject === `consultation/${c.id}`)).toHaveLength(2);
});
