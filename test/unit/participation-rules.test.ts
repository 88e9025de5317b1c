/** The participation domain's rules, on plain objects: phases, eligibility, ballots, results. */
import {
  ageOn,
  checkBallot,
  checkEligibility,
  checkSchedule,
  computeBudgetResults,
  dueAtOf,
  scheduledPhase,
  scheduleForManualMove,
  type Budget,
  type Consultation,
  type Project,
  type Schedule,
} from '../../shared/participation/participation';
import { RuleViolationError } from '../../shared/kernel/errors';
import type { Principal } from '../../shared/kernel/principal';

const schedule: Schedule = {
  information: '2026-03-01T00:00:00.000Z',
  proposals: '2026-03-10T00:00:00.000Z',
  voting: '2026-04-01T00:00:00.000Z',
  closed: '2026-04-15T00:00:00.000Z',
  results: null,
};

const consultation = (overrides: Partial<Consultation> = {}): Consultation => ({
  id: 'C',
  territory: '243100518',
  scope: { level: 'commune', insee: '31555' },
  title: 'Budget participatif',
  body: '…',
  schedule,
  phase: 'information',
  phaseSince: schedule.information,
  eligibility: { residents: 'anyone', acceptDeclaredResidence: false },
  scopeInsees: ['31555'],
  scopePostalCodes: ['31000', '31100'],
  createdAt: schedule.information,
  version: 1,
  ...overrides,
});

const citizen = (claims: Partial<Principal> = {}): Principal => ({ sub: 's', role: 'citizen', issuer: 'i', ...claims });
const at = (iso: string) => new Date(iso);

const ruleOf = (act: () => unknown): string | undefined => {
  try {
    act();
    return undefined;
  } catch (error) {
    if (error instanceof RuleViolationError) return error.rule;
    throw error;
  }
};

describe('phases', () => {
  test('the schedule gives the latest phase whose date has come', () => {
    expect(scheduledPhase(schedule, 'information', at('2026-03-09T23:59:59Z'))).toBe('information');
    expect(scheduledPhase(schedule, 'information', at('2026-03-10T00:00:00Z'))).toBe('proposals');
    expect(scheduledPhase(schedule, 'information', at('2026-04-20T00:00:00Z'))).toBe('closed');
  });

  test('a phase without a date waits for an agent: the schedule never reaches it', () => {
    expect(scheduledPhase(schedule, 'closed', at('2030-01-01T00:00:00Z'))).toBe('closed');
  });

  test('the schedule never moves a consultation back', () => {
    expect(scheduledPhase(schedule, 'voting', at('2026-03-05T00:00:00Z'))).toBe('voting');
  });

  test('dates that go back in time from one phase to the next are refused by a rule', () => {
    expect(ruleOf(() => checkSchedule({ ...schedule, voting: '2026-03-05T00:00:00.000Z' }))).toBe('schedule-order');
  });

  test('an agent starting a phase early clears the later dates already past, so the schedule does not undo it', () => {
    const moved = scheduleForManualMove(schedule, 'voting', at('2026-03-20T00:00:00Z'));
    expect(moved).toMatchObject({ voting: '2026-03-20T00:00:00.000Z', closed: schedule.closed });
    const reopened = scheduleForManualMove(schedule, 'voting', at('2026-04-16T00:00:00Z'));
    expect(reopened).toMatchObject({ voting: '2026-04-16T00:00:00.000Z', closed: null });
  });

  test('the next step is due at the next dated phase, and at once while results wait to be counted', () => {
    expect(dueAtOf(consultation({ phase: 'proposals' }))).toBe(schedule.voting);
    expect(dueAtOf(consultation({ phase: 'closed', phaseSince: '2026-04-15T00:00:05.000Z' }))).toBe(
      '2026-04-15T00:00:05.000Z',
    );
    expect(dueAtOf(consultation({ phase: 'results', resultsComputedAt: '2026-04-15T00:01:00.000Z' }))).toBeUndefined();
  });
});

describe('eligibility', () => {
  const residents = consultation({ eligibility: { residents: 'scope', acceptDeclaredResidence: true } });
  const now = at('2026-03-15T12:00:00Z');

  test('anyone signed in may take part when the rule says so', () => {
    expect(ruleOf(() => checkEligibility(consultation(), citizen(), undefined, now))).toBeUndefined();
  });

  test('a resident by the INSEE code of their identity claims is eligible; another commune is refused by name', () => {
    expect(
      ruleOf(() => checkEligibility(residents, citizen({ residenceInsee: '31555' }), undefined, now)),
    ).toBeUndefined();
    expect(ruleOf(() => checkEligibility(residents, citizen({ residenceInsee: '31149' }), undefined, now))).toBe(
      'eligibility-residence',
    );
  });

  test("a postal code used by the scope's communes only proves residence; another one does not", () => {
    expect(ruleOf(() => checkEligibility(residents, citizen({ postalCode: '31100' }), undefined, now))).toBeUndefined();
    expect(ruleOf(() => checkEligibility(residents, citizen({ postalCode: '31770' }), undefined, now))).toBe(
      'eligibility-residence',
    );
  });

  test('without residence claims, a declared residence counts only where the rule accepts it', () => {
    const declared = { declaredResidence: { insee: '31555', declaredAt: '2026-03-01T00:00:00Z' } };
    expect(ruleOf(() => checkEligibility(residents, citizen(), declared, now))).toBeUndefined();
    const strict = consultation({ eligibility: { residents: 'scope', acceptDeclaredResidence: false } });
    expect(ruleOf(() => checkEligibility(strict, citizen(), declared, now))).toBe('eligibility-residence-unknown');
  });

  test('a minimum age is checked on the birthdate claim, to the day', () => {
    const sixteen = consultation({
      eligibility: { residents: 'anyone', acceptDeclaredResidence: false, minimumAge: 16 },
    });
    expect(
      ruleOf(() => checkEligibility(sixteen, citizen({ birthdate: '2010-03-15' }), undefined, now)),
    ).toBeUndefined();
    expect(ruleOf(() => checkEligibility(sixteen, citizen({ birthdate: '2010-03-16' }), undefined, now))).toBe(
      'eligibility-minimum-age',
    );
    expect(ruleOf(() => checkEligibility(sixteen, citizen(), undefined, now))).toBe('eligibility-birthdate-unknown');
  });

  test('age counts full years, a birthday not yet reached this year not included', () => {
    expect(ageOn('2000-02-29', at('2026-02-28T23:00:00Z'))).toBe(25);
    expect(ageOn('2000-02-29', at('2026-03-01T00:00:00Z'))).toBe(26);
  });
});

const project = (id: string, cost: number, submittedAt = '2026-03-10T00:00:00Z'): Project => ({
  id,
  title: id,
  description: '',
  cost,
  submittedAt,
  version: 1,
});

describe('ballots', () => {
  const projects = new Map([project('A', 60_000), project('B', 50_000), project('C', 30_000)].map((p) => [p.id, p]));
  const knapsack: Budget = { amount: 100_000, method: 'knapsack', minSelections: 1, maxSelections: 2 };

  test('a selection within the budget and the min/max is accepted, with its total cost', () => {
    expect(checkBallot(knapsack, projects, ['A', 'C'])).toBe(90_000);
  });

  test('over the budget: refused by the budget-cap rule', () => {
    expect(ruleOf(() => checkBallot(knapsack, projects, ['A', 'B']))).toBe('ballot-budget-cap');
  });

  test('too few or too many projects: refused by the min or max rule', () => {
    expect(ruleOf(() => checkBallot(knapsack, projects, []))).toBe('ballot-min-selections');
    expect(ruleOf(() => checkBallot({ ...knapsack, amount: 1_000_000 }, projects, ['A', 'B', 'C']))).toBe(
      'ballot-max-selections',
    );
  });

  test('approval voting checks the number of projects, not their cost', () => {
    expect(checkBallot({ ...knapsack, method: 'approval' }, projects, ['A', 'B'])).toBe(110_000);
  });

  test('an unknown project, or one selected twice, is refused', () => {
    expect(ruleOf(() => checkBallot(knapsack, projects, ['Z']))).toBe('ballot-unknown-project');
    expect(ruleOf(() => checkBallot(knapsack, projects, ['C', 'C']))).toBe('ballot-duplicate-project');
  });
});

describe('results', () => {
  const budget: Budget = { amount: 100_000, method: 'approval', minSelections: 1, maxSelections: 3 };

  test('projects are retained in descending votes while they fit; one that does not fit is skipped, not the rest', () => {
    const results = computeBudgetResults(
      budget,
      [project('A', 70_000), project('B', 50_000), project('C', 30_000)],
      [{ projectIds: ['A', 'B'] }, { projectIds: ['A', 'B', 'C'] }, { projectIds: ['A'] }],
      'now',
    );
    expect(results).toMatchObject({ kind: 'budget', ballots: 3, spent: 100_000 });
    if (results.kind !== 'budget') throw new Error('budget results expected');
    expect(results.projects.map((p) => [p.projectId, p.votes, p.retained])).toEqual([
      ['A', 3, true],
      ['B', 2, false],
      ['C', 1, true],
    ]);
  });

  test('equal votes: the lower cost first, then the earlier submitted', () => {
    const results = computeBudgetResults(
      budget,
      [project('late', 20_000, '2026-03-12T00:00:00Z'), project('early', 20_000), project('dear', 90_000)],
      [{ projectIds: ['late', 'early', 'dear'] }],
      'now',
    );
    if (results.kind !== 'budget') throw new Error('budget results expected');
    expect(results.projects.map((p) => p.projectId)).toEqual(['early', 'late', 'dear']);
    expect(results.projects.map((p) => p.retained)).toEqual([true, true, false]);
  });

  test('a project nobody voted for is not retained, even when money is left', () => {
    const results = computeBudgetResults(
      budget,
      [project('A', 10_000), project('B', 10_000)],
      [{ projectIds: ['A'] }],
      'now',
    );
    if (results.kind !== 'budget') throw new Error('budget results expected');
    expect(results.projects.find((p) => p.projectId === 'B')).toMatchObject({ votes: 0, retained: false });
  });
});
