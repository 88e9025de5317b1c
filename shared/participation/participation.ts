/**
 * The participation context's domain: consultations and their dated phases, who may take part,
 * proposals, comments, supports, moderation, participatory budgets with their ballots and results.
 * Pure: no AWS, no clock but the one passed in.
 *
 * Each stored value is written once, as a zod "record" schema, and its type derived from it: the
 * stores parse what they read with these (parseItem), and the API's views are derived from them
 * (participation-schemas.ts), so the three cannot drift.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { RuleViolationError } from '../kernel/errors';
import type { Principal } from '../kernel/principal';

export const PHASES = ['information', 'proposals', 'voting', 'closed', 'results'] as const;
export type Phase = (typeof PHASES)[number];

/** An instant, ISO 8601 in UTC: instants compare as strings (in keys too). */
const Instant = z.string();

/** When each phase starts (ISO 8601). Information starts at once; a later phase without a date waits for an agent. */
export const ScheduleRecord = z.object({
  information: Instant,
  proposals: Instant.nullable(),
  voting: Instant.nullable(),
  closed: Instant.nullable(),
  results: Instant.nullable(),
});
export type Schedule = z.output<typeof ScheduleRecord>;

export const ScopeRecord = z.discriminatedUnion('level', [
  z.object({ level: z.literal('commune'), insee: z.string() }),
  z.object({ level: z.literal('territory') }),
]);
export type Scope = z.output<typeof ScopeRecord>;

export const EligibilityRecord = z.object({
  /** Every signed-in citizen, or only the residents of the consultation's scope. */
  residents: z.enum(['anyone', 'scope']),
  /** Take a residence the citizen declared (an address located in the territory) when the identity claims name none. */
  acceptDeclaredResidence: z.boolean(),
  /** Age in full years on the day of the act, from the identity provider's `birthdate`. */
  minimumAge: z.number().int().optional(),
});
export type Eligibility = z.output<typeof EligibilityRecord>;

/**
 * How a ballot is checked. `knapsack`: the selected projects' total cost fits in the budget.
 * `approval`: between min and max projects, whatever their cost (CONSUL's "approval" style).
 * Both check the number of selections.
 */
export const BALLOT_METHODS = ['approval', 'knapsack'] as const;

export const BudgetRecord = z.object({
  /** Euros. */
  amount: z.number(),
  method: z.enum(BALLOT_METHODS),
  minSelections: z.number().int(),
  maxSelections: z.number().int(),
});
export type Budget = z.output<typeof BudgetRecord>;

export const ConsultationRecord = z.object({
  id: z.string(),
  territory: z.string(),
  scope: ScopeRecord,
  title: z.string(),
  body: z.string(),
  /** Bounding box of the optional area (a district): west, south, east, north; the GeoJSON itself is stored apart. */
  areaBbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).readonly().optional(),
  schedule: ScheduleRecord,
  phase: z.enum(PHASES),
  phaseSince: Instant,
  eligibility: EligibilityRecord,
  budget: BudgetRecord.optional(),
  /** INSEE codes of the communes of the scope. */
  scopeInsees: z.array(z.string()),
  /** Postal codes that belong to communes of the scope only: one of them proves residence. */
  scopePostalCodes: z.array(z.string()),
  resultsComputedAt: Instant.optional(),
  /** When the scheduler must look at it next; absent once nothing is left to do. */
  dueAt: Instant.optional(),
  createdAt: Instant,
  version: z.number().int(),
});
export type Consultation = z.output<typeof ConsultationRecord>;

export const LocationRecord = z.object({ lat: z.number(), lon: z.number() });
export type Location = z.output<typeof LocationRecord>;

export const HiddenRecord = z.object({
  /** Shown to the public in place of the content. */
  reason: z.string(),
  at: Instant,
});
export type Hidden = z.output<typeof HiddenRecord>;

export const ProposalRecord = z.object({
  id: z.string(),
  territory: z.string(),
  consultationId: z.string(),
  title: z.string(),
  body: z.string(),
  location: LocationRecord.optional(),
  /** Object key of a checked photo in the uploads bucket. */
  photoKey: z.string().optional(),
  authorName: z.string(),
  /** Pseudonymous key of the author (see voterKeyOf); never shown. */
  authorKey: z.string(),
  supportCount: z.number().int(),
  commentCount: z.number().int(),
  flagCount: z.number().int(),
  hidden: HiddenRecord.optional(),
  /** The budget project made from it. */
  projectId: z.string().optional(),
  createdAt: Instant,
  version: z.number().int(),
});
export type Proposal = z.output<typeof ProposalRecord>;

export const CommentRecord = z.object({
  id: z.string(),
  territory: z.string(),
  consultationId: z.string(),
  proposalId: z.string(),
  /** The top-level comment this one answers: one level deep. */
  replyTo: z.string().optional(),
  body: z.string(),
  authorName: z.string(),
  authorKey: z.string(),
  flagCount: z.number().int(),
  hidden: HiddenRecord.optional(),
  createdAt: Instant,
  version: z.number().int(),
});
export type Comment = z.output<typeof CommentRecord>;

export const ProjectRecord = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  /** Euros. */
  cost: z.number(),
  proposalId: z.string().optional(),
  /** When the idea was submitted (the proposal's date, or the project's): the last tie-break. */
  submittedAt: Instant,
  version: z.number().int(),
});
export type Project = z.output<typeof ProjectRecord>;

export const BallotRecord = z.object({
  projectIds: z.array(z.string()),
  totalCost: z.number(),
  submittedAt: Instant,
  version: z.number().int(),
});
export type Ballot = z.output<typeof BallotRecord>;

export const ProfileRecord = z.object({
  displayName: z.string().optional(),
  /** Commune of a residence the citizen declared, located in the territory. */
  declaredResidence: z.object({ insee: z.string(), declaredAt: Instant }).optional(),
});
export type Profile = z.output<typeof ProfileRecord>;

export const ModerationTargetRecord = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('proposal'), proposalId: z.string() }),
  z.object({ kind: z.literal('comment'), proposalId: z.string(), commentId: z.string() }),
]);
export type ModerationTarget = z.output<typeof ModerationTargetRecord>;

/** A flagged content waiting for a moderator, or a hidden one. */
export const ModerationEntryRecord = z.object({
  target: ModerationTargetRecord,
  flagCount: z.number().int(),
  lastReason: z.string().optional(),
  lastFlaggedAt: Instant.optional(),
  hidden: HiddenRecord.optional(),
});
export type ModerationEntry = z.output<typeof ModerationEntryRecord>;

/** One citizen's flag of a content: its reason and when (who flagged stays in the key, never shown). */
export const FlagRecord = z.object({ reason: z.string(), at: Instant });
export type Flag = z.output<typeof FlagRecord>;

export const ProjectTallyRecord = z.object({
  projectId: z.string(),
  title: z.string(),
  cost: z.number(),
  votes: z.number().int(),
  rank: z.number().int(),
  retained: z.boolean(),
});
export type ProjectTally = z.output<typeof ProjectTallyRecord>;

export const TIE_BREAK_RULE =
  'Projects are taken in descending order of votes; equal votes: the lower cost first, then the earlier submitted, ' +
  'then the smaller id. Each project with at least one vote that still fits in the remaining budget is retained.';

/** Frozen at closing: a budget's tally, or the figures of a consultation without a budget. */
export const ResultsRecord = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('budget'),
    computedAt: Instant,
    ballots: z.number().int(),
    budget: z.number(),
    spent: z.number(),
    method: z.enum(BALLOT_METHODS),
    tieBreak: z.string(),
    projects: z.array(ProjectTallyRecord),
  }),
  z.object({
    kind: z.literal('proposals'),
    computedAt: Instant,
    proposals: z.number().int(),
    supports: z.number().int(),
    comments: z.number().int(),
    /** The most supported visible proposals, at most RESULTS_TOP_PROPOSALS. */
    topProposals: z.array(
      z.object({ proposalId: z.string(), title: z.string(), authorName: z.string(), supports: z.number().int() }),
    ),
  }),
]);
export type Results = z.output<typeof ResultsRecord>;

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
