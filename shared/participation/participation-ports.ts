/** What the participation use cases need from the outside world. Adapters implement these. */
import type { DomainEvent } from '../events/domain-event';
import type { Boundary } from '../territory/geometry';
import type {
  Ballot,
  Comment,
  Consultation,
  Hidden,
  ModerationTarget,
  Profile,
  Project,
  Proposal,
  Results,
} from './participation';

export interface Page<T> {
  readonly items: readonly T[];
  readonly cursor?: string;
}

export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string;
}

export type ProposalOrder = 'newest' | 'supported' | 'random';

/** The territory context, as participation sees it. */
export interface TerritoryDirectory {
  /** The names of the communes of a territory by INSEE code; undefined when there is no such territory. */
  communes(siren: string): Promise<ReadonlyMap<string, string> | undefined>;
  /** The INSEE code of the commune holding the point; undefined outside the territory. */
  locate(siren: string, lat: number, lon: number): Promise<string | undefined>;
}

/** Reference data: postal codes of French communes. */
export interface PostalCodeDirectory {
  /** The postal codes used by these communes and by no other commune. */
  postalCodesOnlyIn(insees: readonly string[]): Promise<string[]>;
}

/** What a conditional write found when it could not apply. */
export type SupportOutcome = 'done' | 'unchanged' | 'stale';
export type BallotOutcome = 'done' | 'stale' | 'closed';

/**
 * Persistence. Writes that announce an administrative change carry its event and store both
 * atomically; writes that replace something take the version read before and throw ConflictError
 * when it changed meanwhile (the `stale` outcomes say the same for citizens' hot paths, which the
 * use cases retry).
 */
export interface ParticipationStore {
  createConsultation(c: Consultation, area: Boundary | undefined, event: DomainEvent): Promise<void>;
  getConsultation(siren: string, id: string): Promise<Consultation | undefined>;
  getArea(siren: string, id: string): Promise<Boundary | undefined>;
  listConsultations(siren: string, page: PageRequest): Promise<Page<Consultation>>;
  /** Consultations of every territory whose `dueAt` is at or before `now`. */
  listDue(now: string, limit: number): Promise<{ territory: string; id: string }[]>;
  /** Saves a phase change (opening or closing the ballot boxes with it). */
  savePhase(c: Consultation, previousVersion: number, events: readonly DomainEvent[]): Promise<void>;
  /** Freezes the results: written once, never replaced. */
  saveResults(c: Consultation, previousVersion: number, results: Results, event: DomainEvent): Promise<void>;
  getResults(siren: string, id: string): Promise<Results | undefined>;
  counts(siren: string, id: string): Promise<{ proposals: number; comments: number; ballots: number }>;

  getProfile(siren: string, voterKey: string): Promise<Profile | undefined>;
  saveProfile(siren: string, voterKey: string, profile: Profile): Promise<void>;

  createProposal(p: Proposal): Promise<void>;
  getProposal(siren: string, consultationId: string, proposalId: string): Promise<Proposal | undefined>;
  /** Visible proposals only. `seed` places a random order's start. */
  listProposals(
    siren: string,
    consultationId: string,
    order: ProposalOrder,
    page: PageRequest & { readonly seed?: string },
  ): Promise<Page<Proposal>>;
  /** Every visible proposal, for the results. */
  allProposals(siren: string, consultationId: string): Promise<Proposal[]>;

  hasSupported(p: Proposal, voterKey: string): Promise<boolean>;
  /** Adds the support and sets the count to supportCount + 1, if supportCount is still what `p` says. */
  addSupport(p: Proposal, voterKey: string, at: string): Promise<SupportOutcome>;
  removeSupport(p: Proposal, voterKey: string): Promise<SupportOutcome>;

  addComment(c: Comment): Promise<void>;
  getComment(
    siren: string,
    consultationId: string,
    proposalId: string,
    commentId: string,
  ): Promise<Comment | undefined>;
  listComments(siren: string, consultationId: string, proposalId: string, page: PageRequest): Promise<Page<Comment>>;

  /** One flag per citizen and content: false when this citizen had already flagged it. */
  flag(
    siren: string,
    consultationId: string,
    target: ModerationTarget,
    content: Proposal | Comment,
    voterKey: string,
    reason: string,
    event: DomainEvent,
  ): Promise<boolean>;
  /** Hides (hidden given) or restores (null) a content read at `previousVersion`. */
  setHidden(
    siren: string,
    consultationId: string,
    target: ModerationTarget,
    content: Proposal | Comment,
    hidden: Hidden | null,
    event: DomainEvent,
  ): Promise<void>;
  listModeration(
    siren: string,
    consultationId: string,
    status: 'pending' | 'hidden',
    page: PageRequest,
  ): Promise<Page<ModerationEntry>>;

  listProjects(siren: string, consultationId: string): Promise<Project[]>;
  saveProject(
    siren: string,
    consultationId: string,
    project: Project,
    previousVersion: number | undefined,
    event: DomainEvent,
    fromProposal?: Proposal,
  ): Promise<void>;
  deleteProject(siren: string, consultationId: string, project: Project, event: DomainEvent): Promise<void>;

  getBallot(siren: string, consultationId: string, voterKey: string): Promise<Ballot | undefined>;
  /** Puts the ballot if the one read is still there (or still absent), through an open ballot box. */
  saveBallot(
    siren: string,
    consultationId: string,
    voterKey: string,
    ballot: Ballot,
    previousVersion: number | undefined,
  ): Promise<BallotOutcome>;
  /** Every ballot (strongly consistent) and what the ballot boxes counted. */
  allBallots(siren: string, consultationId: string): Promise<{ ballots: Ballot[]; boxCount: number }>;
}

export interface ModerationEntry {
  readonly target: ModerationTarget;
  readonly flagCount: number;
  readonly lastReason?: string;
  readonly lastFlaggedAt?: string;
  readonly hidden?: Hidden;
}
