/**
 * The participation context's domain: consultations and their dated phases, who may take part,
 * proposals, comments, supports, moderation, participatory budgets with their ballots and results.
 * Pure: no AWS, no clock but the one passed in.
 */
import { createHash } from 'node:crypto';
import { RuleViolationError } from '../kernel/errors';
import type { Principal } from '../kernel/principal';
import type { BoundingBox } from '../territory/geometry';

export const PHASES = ['information', 'proposals', 'voting', 'closed', 'results'] as const;
export type Phase = (typeof PHASES)[number];

/** When each phase starts (ISO 8601). Information starts at once; a later phase without a date waits for an agent. */
export type Schedule = { readonly information: string } & {
  readonly [P in Exclude<Phase, 'information'>]: string | null;
};

export type Scope = { readonly level: 'commune'; readonly insee: string } | { readonly level: 'territory' };

export interface Eligibility {
  /** Every signed-in citizen, or only the residents of the consultation's scope. */
  readonly residents: 'anyone' | 'scope';
  /** Take a residence the citizen declared (an address located in the territory) when the identity claims name none. */
  readonly acceptDeclaredResidence: boolean;
  /** Age in full years on the day of the act, from the identity provider's `birthdate`. */
  readonly minimumAge?: number;
}

/**
 * How a ballot is checked. `knapsack`: the selected projects' total cost fits in the budget.
 * `approval`: between min and max projects, whatever their cost (CONSUL's "approval" style).
 * Both check the number of selections.
 */
export type BallotMethod = 'approval' | 'knapsack';

export interface Budget {
  /** Euros. */
  readonly amount: number;
  readonly method: BallotMethod;
  readonly minSelections: number;
  readonly maxSelections: number;
}

export interface Consultation {
  readonly id: string;
  readonly territory: string;
  readonly scope: Scope;
  readonly title: string;
  readonly body: string;
  /** Bounding box of the optional area (a district); the GeoJSON itself is stored apart. */
  readonly areaBbox?: BoundingBox;
  readonly schedule: Schedule;
  readonly phase: Phase;
  readonly phaseSince: string;
  readonly eligibility: Eligibility;
  readonly budget?: Budget;
  /** INSEE codes of the communes of the scope. */
  readonly scopeInsees: readonly string[];
  /** Postal codes that belong to communes of the scope only: one of them proves residence. */
  readonly scopePostalCodes: readonly string[];
  readonly resultsComputedAt?: string;
  /** When the scheduler must look at it next; absent once nothing is left to do. */
  readonly dueAt?: string;
  readonly createdAt: string;
  readonly version: number;
}

export interface Location {
  readonly lat: number;
  readonly lon: number;
}

export interface Hidden {
  /** Shown to the public in place of the content. */
  readonly reason: string;
  readonly at: string;
}

export interface Proposal {
  readonly id: string;
  readonly territory: string;
  readonly consultationId: string;
  readonly title: string;
  readonly body: string;
  readonly location?: Location;
  /** Object key of a checked photo in the uploads bucket. */
  readonly photoKey?: string;
  readonly authorName: string;
  /** Pseudonymous key of the author (see voterKeyOf); never shown. */
  readonly authorKey: string;
  readonly supportCount: number;
  readonly commentCount: number;
  readonly flagCount: number;
  readonly hidden?: Hidden;
  /** The budget project made from it. */
  readonly projectId?: string;
  readonly createdAt: string;
  readonly version: number;
}

export interface Comment {
  readonly id: string;
  readonly territory: string;
  readonly consultationId: string;
  readonly proposalId: string;
  /** The top-level comment this one answers: one level deep. */
  readonly replyTo?: string;
  readonly body: string;
  readonly authorName: string;
  readonly authorKey: string;
  readonly flagCount: number;
  readonly hidden?: Hidden;
  readonly createdAt: string;
  readonly version: number;
}

export interface Project {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** Euros. */
  readonly cost: number;
  readonly proposalId?: string;
  /** When the idea was submitted (the proposal's date, or the project's): the last tie-break. */
  readonly submittedAt: string;
  readonly version: number;
}

export interface Ballot {
  readonly projectIds: readonly string[];
  readonly totalCost: number;
  readonly submittedAt: string;
  readonly version: number;
}

export interface Profile {
  readonly displayName?: string;
  /** Commune of a residence the citizen declared, located in the territory. */
  readonly declaredResidence?: { readonly insee: string; readonly declaredAt: string };
}

export type ModerationTarget =
  | { readonly kind: 'proposal'; readonly proposalId: string }
  | { readonly kind: 'comment'; readonly proposalId: string; readonly commentId: string };

export interface ProjectTally {
  readonly projectId: string;
  readonly title: string;
  readonly cost: number;
  readonly votes: number;
  readonly rank: number;
  readonly retained: boolean;
}

export const TIE_BREAK_RULE =
  'Projects are taken in descending order of votes; equal votes: the lower cost first, then the earlier submitted, ' +
  'then the smaller id. Each project with at least one vote that still fits in the remaining budget is retained.';

export type Results =
  | {
      readonly kind: 'budget';
      readonly computedAt: string;
      readonly ballots: number;
      readonly budget: number;
      readonly spent: number;
      readonly method: BallotMethod;
      readonly tieBreak: string;
      readonly projects: readonly ProjectTally[];
    }
  | {
      readonly kind: 'proposals';
      readonly computedAt: string;
      readonly proposals: number;
      readonly supports: number;
      readonly comments: number;
      /** The most supported visible proposals, at most RESULTS_TOP_PROPOSALS. */
      readonly topProposals: readonly {
        readonly proposalId: string;
        readonly title: string;
        readonly authorName: string;
        readonly supports: number;
      }[];
    };

export const RESULTS_TOP_PROPOSALS = 100;

// ——— phases and the schedule ———

const phaseIndex = (phase: Phase) => PHASES.indexOf(phase);

export const isAfter = (phase: Phase, other: Phase): boolean => phaseIndex(phase) > phaseIndex(other);

/** Dates that are set must not go back in time from one phase to the next. */
export const checkSchedule = (schedule: Schedule): void => {
  let previous: { phase: Phase; at: string } | undefined;
  for (const phase of PHASES) {
    const at = schedule[phase];
    if (at === null) continue;
    if (previous && Date.parse(at) < Date.parse(previous.at)) {
      throw new RuleViolationError(
        `The ${phase} phase (${at}) cannot start before the ${previous.phase} phase (${previous.at})`,
        'schedule-order',
      );
    }
    previous = { phase, at };
  }
};

/** The phase the schedule says at `now`, never before `current`: the scheduler only moves forward. */
export const scheduledPhase = (schedule: Schedule, current: Phase, now: Date): Phase => {
  let phase = current;
  for (const candidate of PHASES.slice(phaseIndex(current) + 1)) {
    const at = schedule[candidate];
    if (at !== null && Date.parse(at) <= now.getTime()) phase = candidate;
  }
  return phase;
};

/**
 * An agent starts `phase` now: its date becomes now, earlier phases' dates are kept (or brought
 * back to now), and later dates already past are cleared, so the scheduler does not undo the move.
 */
export const scheduleForManualMove = (schedule: Schedule, phase: Phase, now: Date): Schedule => {
  const iso = now.toISOString();
  const moved: Record<Phase, string | null> = { ...schedule };
  for (const p of PHASES) {
    const at = moved[p];
    if (p === phase) moved[p] = iso;
    else if (isAfter(phase, p) && at !== null && Date.parse(at) > now.getTime()) moved[p] = iso;
    else if (isAfter(p, phase) && at !== null && Date.parse(at) <= now.getTime()) moved[p] = null;
  }
  return moved as Schedule;
};

/** Results are computed once the consultation is closed: that step is due as soon as it closes. */
export const needsResults = (c: Pick<Consultation, 'phase' | 'resultsComputedAt'>): boolean =>
  !isAfter('closed', c.phase) && c.resultsComputedAt === undefined;

/** When the scheduler must look at this consultation next. */
export const dueAtOf = (c: Pick<Consultation, 'phase' | 'schedule' | 'resultsComputedAt' | 'phaseSince'>) => {
  if (needsResults(c)) return c.phaseSince;
  const next = PHASES.slice(phaseIndex(c.phase) + 1).find((p) => c.schedule[p] !== null);
  return next ? (c.schedule[next] ?? undefined) : undefined;
};

/**
 * Refuses an act outside the phases that allow it, naming the phase the consultation is in. With
 * `now`, a phase whose end date has passed is over for citizens at once, even before the
 * scheduler's next run moves the consultation on.
 */
export const requirePhase = (c: Consultation, allowed: readonly Phase[], act: string, now?: Date): void => {
  if (!allowed.includes(c.phase)) {
    throw new RuleViolationError(
      `${act} during the ${allowed.join(' or ')} phase; this consultation is in its ${c.phase} phase`,
      'consultation-phase',
    );
  }
  const next = now ? scheduledPhase(c.schedule, c.phase, now) : c.phase;
  if (next !== c.phase && !allowed.includes(next)) {
    throw new RuleViolationError(
      `${act} during the ${allowed.join(' or ')} phase; it ended at ${c.schedule[next]}`,
      'consultation-phase',
    );
  }
};

// ——— who may take part ———

/** Full years between a YYYY-MM-DD birthdate and `now` (UTC calendar). */
export const ageOn = (birthdate: string, now: Date): number => {
  const [year, month, day] = birthdate.split('-').map(Number) as [number, number, number];
  const age = now.getUTCFullYear() - year;
  const hadBirthday = now.getUTCMonth() + 1 > month || (now.getUTCMonth() + 1 === month && now.getUTCDate() >= day);
  return hadBirthday ? age : age - 1;
};

const residenceProblem = (c: Consultation, principal: Principal, profile: Profile | undefined) => {
  const inScope = (insee: string) => c.scopeInsees.includes(insee);
  const scopeName = c.scope.level === 'commune' ? `commune ${c.scope.insee}` : `territory ${c.territory}`;
  if (principal.residenceInsee !== undefined) {
    return inScope(principal.residenceInsee)
      ? undefined
      : { rule: 'eligibility-residence', why: `your commune of residence is outside ${scopeName}` };
  }
  if (principal.postalCode !== undefined && c.scopePostalCodes.includes(principal.postalCode)) return undefined;
  const declared = c.eligibility.acceptDeclaredResidence ? profile?.declaredResidence : undefined;
  if (declared) {
    return inScope(declared.insee)
      ? undefined
      : { rule: 'eligibility-residence', why: `the residence you declared is outside ${scopeName}` };
  }
  if (principal.postalCode !== undefined) {
    return {
      rule: 'eligibility-residence',
      why:
        `your postal code does not show a residence in ${scopeName} (it is another commune's, or shared with ` +
        `communes outside it)${c.eligibility.acceptDeclaredResidence ? ': declare your address in your profile' : ''}`,
    };
  }
  return {
    rule: 'eligibility-residence-unknown',
    why:
      'your identity provider gave neither a commune nor a postal code of residence' +
      (c.eligibility.acceptDeclaredResidence ? ': declare your address in your profile' : ''),
  };
};

/** Checked at every act: throws a RuleViolationError whose rule names the condition that failed. */
export const checkEligibility = (
  c: Consultation,
  principal: Principal,
  profile: Profile | undefined,
  now: Date,
): void => {
  const { minimumAge, residents } = c.eligibility;
  if (minimumAge !== undefined) {
    if (principal.birthdate === undefined) {
      throw new RuleViolationError(
        `This consultation is open from the age of ${minimumAge}, and your identity provider gave no birthdate`,
        'eligibility-birthdate-unknown',
      );
    }
    if (ageOn(principal.birthdate, now) < minimumAge) {
      throw new RuleViolationError(
        `This consultation is open from the age of ${minimumAge}`,
        'eligibility-minimum-age',
      );
    }
  }
  if (residents === 'scope') {
    const problem = residenceProblem(c, principal, profile);
    if (problem)
      throw new RuleViolationError(`This consultation is open to residents only: ${problem.why}`, problem.rule);
  }
};

// ——— people ———

/**
 * The pseudonymous key of a citizen in participation items: a hash of issuer and subject, so one
 * support or ballot per person, and the subject itself stored nowhere.
 */
export const voterKeyOf = (principal: Pick<Principal, 'issuer' | 'sub'>): string =>
  createHash('sha256').update(`${principal.issuer}\n${principal.sub}`).digest('base64url').slice(0, 32);

/** The name shown with a contribution: the one given with it, else the profile's. */
export const displayNameFor = (given: string | undefined, profile: Profile | undefined): string => {
  const name = given ?? profile?.displayName;
  if (!name) {
    throw new RuleViolationError(
      'Choose a display name (with this contribution or in your participation profile): it is all the public sees of you',
      'display-name-required',
    );
  }
  return name;
};

// ——— random order with a stable seed ———

/** 8 hex digits spread uniformly: a proposal's place on the ring, or a seed's starting point. */
export const ringPosition = (value: string): string => createHash('sha256').update(value).digest('hex').slice(0, 8);

// ——— participatory budget ———

const euros = (amount: number) => `${amount.toLocaleString('fr-FR')} €`;

/** Checks a ballot against the consultation's rule; returns its total cost. */
export const checkBallot = (budget: Budget, projects: ReadonlyMap<string, Project>, projectIds: readonly string[]) => {
  const unknown = projectIds.filter((id) => !projects.has(id));
  if (unknown.length > 0) {
    throw new RuleViolationError(`No project ${unknown.join(', ')} in this budget`, 'ballot-unknown-project');
  }
  if (new Set(projectIds).size !== projectIds.length) {
    throw new RuleViolationError('A project is selected twice', 'ballot-duplicate-project');
  }
  if (projectIds.length < budget.minSelections) {
    throw new RuleViolationError(
      `Select at least ${budget.minSelections} projects (${projectIds.length} selected)`,
      'ballot-min-selections',
    );
  }
  if (projectIds.length > budget.maxSelections) {
    throw new RuleViolationError(
      `Select at most ${budget.maxSelections} projects (${projectIds.length} selected)`,
      'ballot-max-selections',
    );
  }
  const totalCost = projectIds.reduce((sum, id) => sum + projects.get(id)!.cost, 0);
  if (budget.method === 'knapsack' && totalCost > budget.amount) {
    throw new RuleViolationError(
      `The selected projects cost ${euros(totalCost)}, more than the budget of ${euros(budget.amount)}`,
      'ballot-budget-cap',
    );
  }
  return totalCost;
};

/** Votes per project from the ballots, then retention in the published order (TIE_BREAK_RULE). */
export const computeBudgetResults = (
  budget: Budget,
  projects: readonly Project[],
  ballots: Iterable<Pick<Ballot, 'projectIds'>>,
  computedAt: string,
): Results => {
  const votes = new Map(projects.map((p) => [p.id, 0]));
  let count = 0;
  for (const ballot of ballots) {
    count++;
    for (const id of ballot.projectIds) votes.set(id, (votes.get(id) ?? 0) + 1);
  }
  const ordered = [...projects].sort(
    (a, b) =>
      votes.get(b.id)! - votes.get(a.id)! ||
      a.cost - b.cost ||
      a.submittedAt.localeCompare(b.submittedAt) ||
      a.id.localeCompare(b.id),
  );
  let remaining = budget.amount;
  const tallies = ordered.map((project, index): ProjectTally => {
    const projectVotes = votes.get(project.id)!;
    const retained = projectVotes > 0 && project.cost <= remaining;
    if (retained) remaining -= project.cost;
    return {
      projectId: project.id,
      title: project.title,
      cost: project.cost,
      votes: projectVotes,
      rank: index + 1,
      retained,
    };
  });
  return {
    kind: 'budget',
    computedAt,
    ballots: count,
    budget: budget.amount,
    spent: budget.amount - remaining,
    method: budget.method,
    tieBreak: TIE_BREAK_RULE,
    projects: tallies,
  };
};
