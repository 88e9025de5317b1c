/**
 * What the participation use cases share: their dependencies, who may manage a consultation,
 * the checks that open every act, the retry of citizens' contended writes, the audit events.
 */
import { newEvent, type ChangeData, type DomainEvent } from '../events/domain-event';
import type { Clock } from '../kernel/clock';
import { ConflictError, NotFoundError } from '../kernel/errors';
import type { ObjectStore } from '../runtime/object-store';
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
import type { ParticipationStore, TerritoryDirectory } from './participation-ports';

export interface ParticipationDeps {
  readonly store: ParticipationStore;
  readonly clock: Clock;
  readonly territory: TerritoryDirectory;
  /** Waits between attempts of a write that met a concurrent one. */
  readonly pause?: (ms: number) => Promise<void>;
  /** The uploads bucket, for proposals' photos; without it a photo is refused. */
  readonly objects?: ObjectStore;
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
const MAX_ATTEMPTS = 40;
export const STALE = Symbol('stale');

export const defaultPause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `attempt` until it is not stale, waiting a random, growing time in between (full jitter). */
export const retryStale = async <T>(
  pause: (ms: number) => Promise<void>,
  attempt: () => Promise<T | typeof STALE>,
): Promise<T> => {
  for (let i = 0; i < MAX_ATTEMPTS; i++) {
    const result = await attempt();
    if (result !== STALE) return result;
    await pause(Math.random() * Math.min(500, 5 * 2 ** i));
  }
  throw new ConflictError('Too many people are doing this at the same moment: retry in a moment');
};

export const changeEvent = (
  clock: Clock,
  principal: Principal | undefined,
  c: Pick<Consultation, 'territory' | 'id'>,
  type: string,
  subject: string,
  data: ChangeData,
): DomainEvent =>
  newEvent<ChangeData>(clock, {
    type: `participation.${type}`,
    territory: c.territory,
    subject: `consultation/${c.id}${subject}`,
    ...(principal ? { actor: { sub: principal.sub, role: principal.role } } : {}),
    data,
  });

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
