/**
 * A participatory budget against DynamoDB Local: ballots checked against the budget's rule, one
 * per citizen whatever the retries and concurrency, totals recounted from the ballots at closing,
 * results frozen.
 */
import type { Consultation, Project } from '../../shared/participation/participation';
import {
  citizen,
  refusal,
  setUpParticipation,
  SIREN,
  TOULOUSE,
  toulouseAgent,
} from '../support/participation-fixtures';

let env: Awaited<ReturnType<typeof setUpParticipation>>;
let consultation: Consultation;
let projects: Record<'square' | 'trees' | 'bikes' | 'benches', Project>;

const vote = (who: string | number, projectIds: string[]) =>
  env.participation.submitBallot(citizen(who), SIREN, consultation.id, projectIds);

beforeAll(async () => {
  env = await setUpParticipation('participation-ballots');
  consultation = await env.createConsultation(toulouseAgent, SIREN, {
    scope: { level: 'commune', insee: TOULOUSE },
    title: 'Budget participatif 2026',
    body: '1 million d’euros pour vos projets.',
    schedule: {
      proposals: '2026-03-01T08:00:00.000Z',
      voting: '2026-04-01T00:00:00.000Z',
      closed: '2026-04-15T00:00:00.000Z',
    },
    eligibility: { residents: 'anyone', acceptDeclaredResidence: false },
    budget: { amount: 100_000, method: 'knapsack', minSelections: 1, maxSelections: 3 },
  });
  const enter = (title: string, cost: number) =>
    env.participation.saveProject(toulouseAgent, SIREN, consultation.id, { title, description: '…', cost });
  projects = {
    square: await enter('Réaménager la place', 60_000),
    trees: await enter('Planter 100 arbres', 30_000),
    bikes: await enter('Arceaux à vélos', 20_000),
    benches: await enter('Bancs', 10_000),
  };
  env.clock.set('2026-04-01T00:00:00.000Z');
  await env.participation.advancePhases();
});

describe('a ballot is checked against the rule of the budget', () => {
  test('over the budget: 422 naming the budget-cap rule, and nothing is stored', async () => {
    expect(await refusal(vote('spender', [projects.square.id, projects.trees.id, projects.bikes.id]))).toBe(
      'ballot-budget-cap',
    );
    expect(await refusal(env.participation.getBallot(citizen('spender'), SIREN, consultation.id))).toBe(
      'NotFoundError',
    );
  });

  test('fewer or more projects than the rule allows: the min or max rule', async () => {
    expect(await refusal(vote('shy', []))).toBe('ballot-min-selections');
    const four = [projects.trees.id, projects.bikes.id, projects.benches.id, projects.square.id];
    expect(await refusal(vote('greedy', four))).toBe('ballot-max-selections');
  });

  test('projects cannot change once voting is open', async () => {
    expect(
      await refusal(
        env.participation.saveProject(toulouseAgent, SIREN, consultation.id, {
          title: 'Tard',
          description: '…',
          cost: 1,
        }),
      ),
    ).toBe('consultation-phase');
  });
});

describe('one ballot per citizen', () => {
  test('a second ballot replaces the first', async () => {
    await vote('hesitant', [projects.square.id]);
    const second = await vote('hesitant', [projects.trees.id, projects.bikes.id]);

    expect(second).toMatchObject({ replaced: true, ballot: { version: 2, totalCost: 50_000 } });
    expect((await env.participation.getBallot(citizen('hesitant'), SIREN, consultation.id)).projectIds).toEqual([
      projects.trees.id,
      projects.bikes.id,
    ]);
  });

  test('a ballot submitted twice at the same moment, then retried, is one ballot counted once', async () => {
    const before = (await env.store.counts(SIREN, consultation.id)).ballots;
    const first = [projects.square.id, projects.trees.id];
    const second = [projects.bikes.id];

    await Promise.all([vote('double', first), vote('double', second)]);
    await vote('double', first); // the client's retry of the first request

    expect((await env.store.counts(SIREN, consultation.id)).ballots).toBe(before + 1);
    const ballot = await env.participation.getBallot(citizen('double'), SIREN, consultation.id);
    expect(ballot).toMatchObject({ projectIds: first, version: 3 });
  });
});

describe('closing', () => {
  test('ballots racing the closing are counted or refused, never lost; the totals equal the sum of the ballots', async () => {
    const choices = [
      [projects.square.id, projects.trees.id],
      [projects.trees.id, projects.bikes.id, projects.benches.id],
      [projects.bikes.id],
      [projects.square.id, projects.benches.id],
    ];
    // Thirty citizens have voted; an agent closes the vote while twenty more are arriving.
    await Promise.all(Array.from({ length: 30 }, (_, i) => vote(`voter-${i}`, choices[i % 4]!)));
    const racing = Array.from({ length: 20 }, (_, i) =>
      vote(`racer-${i}`, choices[(i + 1) % 4]!).then(
        () => 'counted',
        (error: { rule?: string }) => error.rule,
      ),
    );
    await Promise.race(racing);
    const closing = env.participation.movePhase(toulouseAgent, SIREN, consultation.id, {
      phase: 'closed',
      reason: 'Clôture',
    });
    const outcomes = await Promise.all(racing);
    await closing;
    const report = await env.participation.advancePhases();

    expect(report).toMatchObject({ resultsComputed: 1, failed: [] });
    expect(outcomes).toContain('counted');
    expect(outcomes.every((o) => o === 'counted' || o === 'consultation-phase')).toBe(true);

    const { ballots, boxCount } = await env.store.allBallots(SIREN, consultation.id);
    const results = await env.participation.getResults(undefined, SIREN, consultation.id);
    if (results.kind !== 'budget') throw new Error('budget results expected');
    expect(results.ballots).toBe(ballots.length);
    expect(boxCount).toBe(ballots.length);
    for (const tally of results.projects) {
      expect(tally.votes).toBe(ballots.filter((b) => b.projectIds.includes(tally.projectId)).length);
    }
    const counted = outcomes.filter((o) => o === 'counted').length;
    expect(ballots.length).toBe(30 + 2 /* hesitant, double */ + counted);
  });

  test('the results retain projects in descending votes within the budget, by the published rule', async () => {
    const results = await env.participation.getResults(undefined, SIREN, consultation.id);
    if (results.kind !== 'budget') throw new Error('budget results expected');
    const votes = results.projects.map((p) => p.votes);
    expect(votes).toEqual([...votes].sort((a, b) => b - a));
    expect(results.spent).toBe(results.projects.filter((p) => p.retained).reduce((sum, p) => sum + p.cost, 0));
    expect(results.spent).toBeLessThanOrEqual(100_000);
    expect(results.tieBreak).toMatch(/lower cost first/);
  });

  test('a ballot after the closing is refused, and the frozen results cannot be written again', async () => {
    expect(await refusal(vote('too-late', [projects.benches.id]))).toBe('consultation-phase');
    const results = await env.participation.getResults(undefined, SIREN, consultation.id);
    const current = (await env.store.getConsultation(SIREN, consultation.id))!;

    await expect(
      env.store.saveResults(
        current,
        current.version,
        { ...results, computedAt: 'tampered' },
        {
          id: 'e',
          type: 'participation.results-published',
          occurredAt: new Date().toISOString(),
          territory: SIREN,
          subject: 's',
          data: { before: null, after: null },
        },
      ),
    ).rejects.toBeInstanceOf(env.errors.ConflictError);
    expect(await env.participation.getResults(undefined, SIREN, consultation.id)).toEqual(results);
  });

  test('the vote cannot reopen once its results are frozen', async () => {
    expect(
      await refusal(
        env.participation.movePhase(toulouseAgent, SIREN, consultation.id, { phase: 'voting', reason: 'Une panne' }),
      ),
    ).toBe('phase-move');
  });
});
