/**
 * Consultations and their phases against DynamoDB Local, on a clock the test moves: who may create
 * one, the scheduler moving phases on time, agents moving them by hand (audited), results counted
 * at closing and published on their date.
 */
import {
  admin,
  colomiersAgent,
  citizen,
  metropolitanAgent,
  refusal,
  setUpParticipation,
  SIREN,
  TOULOUSE,
  toulouseAgent,
} from '../support/participation-fixtures';

let env: Awaited<ReturnType<typeof setUpParticipation>>;

const dated = {
  proposals: '2026-03-10T00:00:00.000Z',
  closed: '2026-04-01T00:00:00.000Z',
  results: '2026-04-03T09:00:00.000Z',
};

const newConsultation = (overrides: Partial<Parameters<typeof env.createConsultation>[2]> = {}) =>
  env.createConsultation(toulouseAgent, SIREN, {
    scope: { level: 'commune', insee: TOULOUSE },
    title: 'Le parc des Sports',
    body: 'Que voulez-vous y voir ?',
    schedule: dated,
    eligibility: { residents: 'anyone', acceptDeclaredResidence: false },
    ...overrides,
  });

const phaseOf = async (id: string) => (await env.store.getConsultation(SIREN, id))!.phase;

beforeAll(async () => {
  env = await setUpParticipation('participation-phases');
});

describe('who creates a consultation', () => {
  test("a commune's agent creates its commune's consultation, not another commune's", async () => {
    await expect(newConsultation()).resolves.toMatchObject({
      phase: 'information',
      scopePostalCodes: expect.arrayContaining(['31400']),
    });
    expect(
      await refusal(
        env.createConsultation(colomiersAgent, SIREN, {
          scope: { level: 'commune', insee: TOULOUSE },
          title: 'Pas chez moi',
          body: '…',
          schedule: {},
          eligibility: { residents: 'anyone', acceptDeclaredResidence: false },
        }),
      ),
    ).toBe('ForbiddenError');
  });

  test('only metropolitan agents and admins create a consultation of the whole territory', async () => {
    const territoryWide = {
      scope: { level: 'territory' as const },
      title: 'Plan vélo métropolitain',
      body: '…',
      schedule: {},
      eligibility: { residents: 'anyone' as const, acceptDeclaredResidence: false },
    };
    const created = await env.createConsultation(metropolitanAgent, SIREN, territoryWide);
    expect(created.scopeInsees).toHaveLength(37);
    expect(await refusal(env.createConsultation(toulouseAgent, SIREN, territoryWide))).toBe('ForbiddenError');
    await expect(env.createConsultation(admin, SIREN, territoryWide)).resolves.toBeDefined();
  });

  test('dates going back in time are refused by the schedule rule', async () => {
    expect(
      await refusal(
        newConsultation({ schedule: { proposals: '2026-05-01T00:00:00Z', closed: '2026-04-01T00:00:00Z' } }),
      ),
    ).toBe('schedule-order');
  });
});

describe('the scheduler, on a fixed clock', () => {
  test('moves nothing before the date, then the phase the dates say, the minute after', async () => {
    env.clock.set('2026-03-01T08:00:00.000Z');
    const { id } = await newConsultation();

    env.clock.set('2026-03-09T23:59:00.000Z');
    await env.participation.advancePhases();
    expect(await phaseOf(id)).toBe('information');

    env.clock.set('2026-03-10T00:01:00.000Z');
    await env.participation.advancePhases();
    expect(await phaseOf(id)).toBe('proposals');
  });

  test('at closing it counts the results, which stay unpublished until their date', async () => {
    env.clock.set('2026-03-01T08:00:00.000Z');
    const { id } = await newConsultation();
    env.clock.set('2026-03-12T00:00:00.000Z');
    await env.participation.advancePhases();
    const proposal = await env.participation.submitProposal(citizen('ana'), SIREN, id, {
      title: 'Un terrain de basket',
      body: '…',
      displayName: 'Ana',
    });
    await env.participation.support(citizen('bo'), SIREN, id, proposal.id);

    env.clock.set('2026-04-01T00:00:30.000Z');
    const report = await env.participation.advancePhases();

    expect(report.failed).toEqual([]);
    expect(await phaseOf(id)).toBe('closed');
    expect(await refusal(env.participation.getResults(undefined, SIREN, id))).toBe('NotFoundError');
    await expect(env.participation.getResults(toulouseAgent, SIREN, id)).resolves.toMatchObject({
      kind: 'proposals',
      proposals: 1,
      supports: 1,
      topProposals: [{ proposalId: proposal.id, authorName: 'Ana', supports: 1 }],
    });

    env.clock.set('2026-04-03T09:00:00.000Z');
    await env.participation.advancePhases();
    expect(await phaseOf(id)).toBe('results');
    await expect(env.participation.getResults(undefined, SIREN, id)).resolves.toMatchObject({ supports: 1 });
  });

  test('a consultation whose closing passed long ago reaches results in one run, and later runs leave it alone', async () => {
    env.clock.set('2026-03-01T08:00:00.000Z');
    const { id } = await newConsultation({ schedule: { proposals: dated.proposals, closed: dated.closed } });

    env.clock.set('2026-06-01T00:00:00.000Z');
    await env.participation.advancePhases();
    const after = (await env.store.getConsultation(SIREN, id))!;
    await env.participation.advancePhases();

    expect(after).toMatchObject({ phase: 'results' });
    expect(after.dueAt).toBeUndefined();
    expect((await env.store.getConsultation(SIREN, id))!.version).toBe(after.version);
  });

  test('every move is announced for the audit, by the schedule or by the agent who made it', async () => {
    const moves = await env.pendingEvents('participation.phase-changed');
    expect(
      moves.some((e) => e.actor === undefined && (e.data as { after: { by: string } }).after.by === 'schedule'),
    ).toBe(true);
    expect(moves.every((e) => e.territory === SIREN && e.subject.endsWith('/phase'))).toBe(true);
  });
});

describe('agents moving a phase by hand', () => {
  test('the move takes effect now, with its reason kept in the audit, and the schedule does not undo it', async () => {
    env.clock.set('2026-03-01T08:00:00.000Z');
    const { id } = await newConsultation();

    const moved = await env.participation.movePhase(toulouseAgent, SIREN, id, {
      phase: 'proposals',
      reason: 'Ouverture anticipée',
    });
    await env.participation.advancePhases();

    expect(moved).toMatchObject({ phase: 'proposals', schedule: { proposals: '2026-03-01T08:00:00.000Z' } });
    expect(await phaseOf(id)).toBe('proposals');
    const [event] = (await env.pendingEvents('participation.phase-changed')).filter((e) => e.subject.includes(id));
    expect(event).toMatchObject({
      actor: { sub: toulouseAgent.sub, role: 'agent' },
      data: {
        before: { phase: 'information' },
        after: { phase: 'proposals', reason: 'Ouverture anticipée', by: 'agent' },
      },
    });
  });

  test("another commune's agent may not move it; a metropolitan agent may", async () => {
    env.clock.set('2026-03-01T08:00:00.000Z');
    const { id } = await newConsultation();
    expect(
      await refusal(env.participation.movePhase(colomiersAgent, SIREN, id, { phase: 'proposals', reason: 'Non' })),
    ).toBe('ForbiddenError');
    await expect(
      env.participation.movePhase(metropolitanAgent, SIREN, id, { phase: 'proposals', reason: 'Oui' }),
    ).resolves.toMatchObject({ phase: 'proposals' });
  });

  test('phases do not go back, and results are published only once counted', async () => {
    env.clock.set('2026-03-11T00:00:00.000Z');
    const { id } = await newConsultation();
    expect(
      await refusal(env.participation.movePhase(toulouseAgent, SIREN, id, { phase: 'information', reason: 'x y z' })),
    ).toBe('phase-move');
    await env.participation.movePhase(toulouseAgent, SIREN, id, { phase: 'closed', reason: 'Clôture anticipée' });
    expect(
      await refusal(env.participation.movePhase(toulouseAgent, SIREN, id, { phase: 'results', reason: 'Vite' })),
    ).toBe('results-not-computed');

    await env.participation.advancePhases();
    expect((await env.store.getConsultation(SIREN, id))!.resultsComputedAt).toBeDefined();
  });

  test('only a participatory budget has a voting phase', async () => {
    env.clock.set('2026-03-11T00:00:00.000Z');
    const { id } = await newConsultation();
    expect(
      await refusal(env.participation.movePhase(toulouseAgent, SIREN, id, { phase: 'voting', reason: 'Vote' })),
    ).toBe('budget-voting');
  });

  test('a commune that does not exist in the territory is not found', async () => {
    expect(
      await refusal(
        env.createConsultation(admin, SIREN, {
          scope: { level: 'commune', insee: '75056' },
          title: 'Paris ?',
          body: '…',
          schedule: {},
          eligibility: { residents: 'anyone', acceptDeclaredResidence: false },
        }),
      ),
    ).toBe('NotFoundError');
  });
});
