/**
 * What the participation use cases share: their dependencies, who may manage a consultation,
 * the checks that open every act, and the retry of citizens' contended writes.
 */
import type { Clock } from '../kernel/clock';
import { ConflictError, NotFoundError } from '../kernel/errors';
import { assertCanActOnCommune, assertCanActOnTerritory, type Principal } from '../kernel/principal';
import type { Boundary } from '../territory/geometry';
import {
  checkEligibility,
  requirePhase,
  voterKeyOf,
  type Budget,
  type Comment,
  type Consultation,
  type Eligibility,
  type ModerationTarget,
  type Phase,
  type Profile,
  type Proposal,
  type Scope,
} from './participation';
import type { ParticipationStore, PhotoStore, TerritoryDirectory } from './participation-ports';

export interface ParticipationDeps {
  readonly store: ParticipationStore;
  readonly clock: Clock;
  readonly territory: TerritoryDirectory;
  /** The uploads bucket, for proposals' photos; without it a photo is refused. */
  readonly photos?: PhotoStore;
}

export interface NewConsultation {
  readonly scope: Scope;
  readonly title: string;
  readonly body: string;
  readonly area?: Boundary;
  readonly schedule: Partial<Record<Phase, string | null>>;
  readonly eligibility: Eligibility;
  readonly budget?: Budget;
}

/** Attempts at a citizen's write that keeps meeting concurrent ones (50 clicks on one proposal). */
const MAX_STALE_ATTEMPTS = 40;
export const STALE = Symbol('stale');

/**
 * Optimistic locking on a citizen's hot path (a proposal's support count, a voter's ballot):
 * runs `attempt` — read, decide, write on condition that what was read is unchanged — until it is
 * not STALE, waiting a random, growing time in between (full jitter), then a ConflictError (409).
 *
 * Not the store's retryWhileBusy (shared/runtime/dynamo.ts), which sends the SAME write again
 * while DynamoDB says the items are busy and lets a failed condition through at once: here a
 * failed condition is the expected outcome of a race, and each attempt READS AGAIN and computes a
 * new write (the count read + 1). It runs in the use case because the read and the decision
 * belong to it; the store reports a busy item as stale too, so this is the only loop.
 */
export const retryWhileStale = async <T>(attempt: () => Promise<T | typeof STALE>): Promise<T> => {
  for (let i = 0; i < MAX_STALE_ATTEMPTS; i++) {
    const result = await attempt();
    if (result !== STALE) return result;
    await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(500, 5 * 2 ** i)));
  }
  throw new ConflictError('Too many people are doing this at the same moment: retry in a moment');
};

/** Agents of the commune run a commune's consultation; metropolitan staff run the territory's. */
export const assertCanManage = (principal: Principal, siren: string, scope: Scope): void => {
  if (scope.level === 'commune') assertCanActOnCommune(principal, siren, scope.insee);
  else assertCanActOnTerritory(principal, siren);
};

export const canManage = (principal: Principal | undefined, c: Consultation): boolean => {
  if (!principal) return false;
  try {
    assertCanManage(principal, c.territory, c.scope);
    return true;
  } catch {
    return false;
  }
};

/** Reads that refuse what is not there, and the checks every citizen's act starts with. */
export const makeAccess = ({ store, clock }: ParticipationDeps) => {
  const requireConsultation = async (siren: string, id: string): Promise<Consultation> => {
    const consultation = await store.getConsultation(siren, id);
    if (!consultation) throw new NotFoundError(`No consultation ${id} in territory ${siren}`);
    return consultation;
  };

  const manage = async (principal: Principal, siren: string, id: string): Promise<Consultation> => {
    const consultation = await requireConsultation(siren, id);
    assertCanManage(principal, siren, consultation.scope);
    return consultation;
  };

  const requireProposal = async (c: Consultation, proposalId: string, options: { visible: boolean }) => {
    const proposal = await store.getProposal(c.territory, c.id, proposalId);
    if (!proposal || (options.visible && proposal.hidden)) {
      throw new NotFoundError(`No proposal ${proposalId} in consultation ${c.id}`);
    }
    return proposal;
  };

  const requireContent = async (c: Consultation, target: ModerationTarget): Promise<Proposal | Comment> => {
    if (target.kind === 'proposal') return requireProposal(c, target.proposalId, { visible: false });
    const comment = await store.getComment(c.territory, c.id, target.proposalId, target.commentId);
    if (!comment) throw new NotFoundError(`No comment ${target.commentId} on proposal ${target.proposalId}`);
    return comment;
  };

  /** A citizen's act: the consultation in one of `phases`, and the citizen eligible today. */
  const participate = async (
    principal: Principal,
    siren: string,
    id: string,
    phases: readonly Phase[],
    act: string,
  ): Promise<{ consultation: Consultation; profile: Profile | undefined; voterKey: string }> => {
    const consultation = await requireConsultation(siren, id);
    requirePhase(consultation, phases, act, clock.now());
    const voterKey = voterKeyOf(principal);
    const profile = await store.getProfile(siren, voterKey);
    checkEligibility(consultation, principal, profile, clock.now());
    return { consultation, profile, voterKey };
  };

  return { requireConsultation, manage, requireProposal, requireContent, participate };
};

export type Access = ReturnType<typeof makeAccess>;
