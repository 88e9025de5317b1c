/** What the participation use cases need from the outside world. Adapters implement these. */
import type { Page } from '../kernel/schemas';
import type { Boundary } from '../territory/geometry';
import type {
  Ballot,
  Comment,
  Consultation,
  Flag,
  Hidden,
  ModerationEntry,
  ModerationTarget,
  Profile,
  Project,
  Proposal,
  Results,
} from './participation';
import type { ParticipationEvent } from './participation-events';

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

/** Reference data: postal codes of French communes (as the territory's import stored them). */
export interface PostalCodeDirectory {
  /** The postal codes used by these communes of the territory and by no other commune. */
  postalCodesOnlyIn(siren: string, insees: readonly string[]): Promise<string[]>;
}

/** The uploads bucket, for proposals' photos (uploaded through the reports' presigned slots). */
export interface PhotoStore {
  presignDownload(key: string, expiresInSeconds: number): Promise<string>;
  /** Undefined when there is no such object. */
  head(key: string): Promise<{ readonly size: number } | undefined>;
  /** Bytes start..endInclusive (fewer when the object is shorter). */
  readRange(key: string, start: number, endInclusive: number): Promise<Uint8Array>;
  copy(fromKey: string, toKey: string): Promise<void>;
}

/**
 * What a conditional write on a citizen's hot path found: `stale` when what it read changed
 * meanwhile (the use case reads again and retries), `unchanged` when there was nothing to do.
 */
export type SupportOutcome = 'done' | 'unchanged' | 'stale';
/** `erased`: the voter's ballot was unlinked from them at their request; it stays counted. */
export type BallotOutcome = 'done' | 'stale' | 'closed' | 'erased';

/*
 * Persistence, in three stores along the context's parts (consultation-store.ts,
 * contribution-store.ts, budget-store.ts), composed where the app wires them. Writes that announce
 * an administrative change carry its event and store both atomically; writes that replace
 * something take the version read before and throw ConflictError when it changed meanwhile (the
 * `stale` outcomes say the same on citizens' hot paths, which the use cases retry).
 */

/** Consultations, their phases and results, and the citizens' profiles. */
export interface ConsultationStore {
  createConsultation(c: Consultation, area: Boundary | undefined, event: ParticipationEvent): Promise<void>;
  getConsultation(siren: string, id: string): Promise<Consultation | undefined>;
  getArea(siren: string, id: string): Promise<Boundary | undefined>;
  listConsultations(siren: string, page: PageRequest): Promise<Page<Consultation>>;
  /** Consultations of every territory whose `dueAt` is at or before `now`. */
  listDue(now: string, limit: number): Promise<{ territory: string; id: string }[]>;
  /**
   * Saves an edit of a consultation read at `previousVersion` (ConflictError when it changed
   * meanwhile); `area`: a new one, null to remove it, undefined to keep it.
   */
  saveConsultation(
    c: Consultation,
    previousVersion: number,
    area: Boundary | null | undefined,
    event: ParticipationEvent,
  ): Promise<void>;
  /** Saves a phase change (opening or closing the ballot boxes with it). */
  savePhase(c: Consultation, previousVersion: number, events: readonly ParticipationEvent[]): Promise<void>;
  /** Freezes the results: written once, never replaced. */
  saveResults(c: Consultation, previousVersion: number, results: Results, event: ParticipationEvent): Promise<void>;
  getResults(siren: string, id: string): Promise<Results | undefined>;
  counts(
    siren: string,
    id: string,
  ): Promise<{ proposals: number; comments: number; supports: number; ballots: number }>;

  getProfile(siren: string, voterKey: string): Promise<Profile | undefined>;
  saveProfile(siren: string, voterKey: string, profile: Profile): Promise<void>;
}

/** What citizens say: proposals, supports, comments, and their moderation. */
export interface ContributionStore {
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
    event: ParticipationEvent,
  ): Promise<boolean>;
  /** Hides (hidden given) or restores (null) a content read at its `version`. */
  setHidden(
    siren: string,
    consultationId: string,
    target: ModerationTarget,
    content: Proposal | Comment,
    hidden: Hidden | null,
    event: ParticipationEvent,
  ): Promise<void>;
  listModeration(
    siren: string,
    consultationId: string,
    status: 'pending' | 'hidden',
    page: PageRequest,
  ): Promise<Page<ModerationEntry>>;
  /** The first `limit` flags of a content (their reasons, for the moderator). */
  listFlags(siren: string, consultationId: string, target: ModerationTarget, limit: number): Promise<Flag[]>;
}

/** A participatory budget's projects and ballots. */
export interface BudgetStore {
  listProjects(siren: string, consultationId: string): Promise<Project[]>;
  saveProject(
    siren: string,
    consultationId: string,
    project: Project,
    previousVersion: number | undefined,
    event: ParticipationEvent,
    fromProposal?: Proposal,
  ): Promise<void>;
  deleteProject(siren: string, consultationId: string, project: Project, event: ParticipationEvent): Promise<void>;

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

/** The three together: what the use cases are given. */
export interface ParticipationStore extends ConsultationStore, ContributionStore, BudgetStore {}
