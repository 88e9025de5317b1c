/**
 * Keys of the participation context, shared by its stores (consultation-store.ts,
 * contribution-store.ts, budget-store.ts). Every key starts with the territory. A territory's
 * consultations live in its participation partition; everything said inside one consultation
 * lives in that consultation's partition, so a page of proposals is one Query.
 *
 * pk = TERRITORY#<siren>#PARTICIPATION
 *   CONSULTATION#<id>                          a consultation
 *   PARTICIPANT#<voterKey>                     a citizen's participation profile
 * pk = TERRITORY#<siren>#CONSULTATION#<id>
 *   AREA, STATS, RESULTS                       its area (GeoJSON string), counters, frozen results
 *   BOX#<0..7>                                 its ballot boxes (budgets)
 *   PROPOSAL#<ring>#<proposalId>               a proposal (ring = hash of the id: random order)
 *   SUPPORT#<proposalId>#<voterKey>            a citizen's support
 *   COMMENT#<proposalId>#<commentId>           a comment
 *   FLAG#<ref>#<voterKey>                      a citizen's flag of a content
 *   MODERATION#PENDING#<ref> / HIDDEN#<ref>    the moderation queue
 *   PROJECT#<id>, BALLOT#<voterKey>            a budget's projects and ballots
 *   BALLOT#ERASED#<id>, VOTED#<voterKey>       a ballot unlinked from its erased voter, and the
 *                                              mark that they voted (one vote per person still)
 * gsi1pk = gsi2pk = <consultation pk>#PROPOSALS  visible proposals, newest / most supported
 * gsi1pk = PARTICIPATION#PHASE-DUE               consultations due for a step, every territory
 * gsi3pk = PERSON#<voterKey>                     a citizen's own items, every territory (their export)
 */
import { ringPosition, type ModerationTarget } from './participation';

/** Ballot boxes per budget: each ballot goes through one, chosen by its voter, so voters rarely meet. */
export const BALLOT_BOXES = 8;

/** The scheduler's work list (gsi1, sparse), like the outbox's: consultations whose next step is due. */
export const PHASE_DUE_PK = 'PARTICIPATION#PHASE-DUE';

export const participationPk = (siren: string) => `TERRITORY#${siren}#PARTICIPATION`;
export const CONSULTATION_PREFIX = 'CONSULTATION#';
export const consultationSk = (id: string) => `${CONSULTATION_PREFIX}${id}`;
export const participantSk = (voterKey: string) => `PARTICIPANT#${voterKey}`;
/** The key of a consultation item, in its territory's participation partition. */
export const consultationKey = (siren: string, id: string) => ({ pk: participationPk(siren), sk: consultationSk(id) });
/** gsi1sk of a consultation in the due list: when, then which. */
export const phaseDueSk = (dueAt: string, siren: string, id: string) => `${dueAt}#${siren}#${id}`;

export const consultationPk = (siren: string, id: string) => `TERRITORY#${siren}#CONSULTATION#${id}`;
export const AREA_SK = 'AREA';
export const STATS_SK = 'STATS';
export const RESULTS_SK = 'RESULTS';

export const BOX_PREFIX = 'BOX#';
/** The ballot box a voter's ballot goes through, always the same one. */
export const boxSk = (voterKey: string) =>
  `${BOX_PREFIX}${parseInt(ringPosition(voterKey).slice(0, 4), 16) % BALLOT_BOXES}`;
export const boxKeys = (siren: string, id: string) =>
  Array.from({ length: BALLOT_BOXES }, (_, i) => ({ pk: consultationPk(siren, id), sk: `${BOX_PREFIX}${i}` }));

export const proposalsIndexPk = (siren: string, id: string) => `${consultationPk(siren, id)}#PROPOSALS`;
export const PROPOSAL_PREFIX = 'PROPOSAL#';
/** A proposal sits on a ring at the hash of its id: a random order is a walk from a seed's point. */
export const proposalSk = (proposalId: string) => `${PROPOSAL_PREFIX}${ringPosition(proposalId)}#${proposalId}`;
/** gsi2sk: the support count, zero-padded so it sorts as a number, then the id. */
export const supportRank = (count: number, proposalId: string) => `${String(count).padStart(10, '0')}#${proposalId}`;
export const supportSk = (proposalId: string, voterKey: string) => `SUPPORT#${proposalId}#${voterKey}`;

export const commentsPrefix = (proposalId: string) => `COMMENT#${proposalId}#`;
export const commentSk = (proposalId: string, commentId: string) => `${commentsPrefix(proposalId)}${commentId}`;

/** A proposal or a comment, as the moderation items name it. */
const targetRef = (t: ModerationTarget) =>
  t.kind === 'proposal' ? `P#${t.proposalId}` : `C#${t.proposalId}#${t.commentId}`;
export const targetKey = (siren: string, id: string, t: ModerationTarget) => ({
  pk: consultationPk(siren, id),
  sk: t.kind === 'proposal' ? proposalSk(t.proposalId) : commentSk(t.proposalId, t.commentId),
});
export const flagSk = (t: ModerationTarget, voterKey: string) => `FLAG#${targetRef(t)}#${voterKey}`;
export const flagsPrefix = (t: ModerationTarget) => `FLAG#${targetRef(t)}#`;
export type ModerationStatus = 'pending' | 'hidden';
export const moderationPrefix = (status: ModerationStatus) => `MODERATION#${status.toUpperCase()}#`;
export const moderationSk = (status: ModerationStatus, t: ModerationTarget) =>
  `${moderationPrefix(status)}${targetRef(t)}`;

/**
 * The person index (gsi3, sparse, every territory): each item a citizen's act wrote — proposal,
 * comment, support, flag, ballot, profile — carries gsi3pk = PERSON#<voterKey>, so their
 * personal-data export (shared/privacy) is one paged Query, never a Scan. gsi3sk = the item's key.
 */
export const PERSON_PREFIX = 'PERSON#';
export const personIndexKeys = (voterKey: string, pk: string, sk: string) => ({
  gsi3pk: `${PERSON_PREFIX}${voterKey}`,
  gsi3sk: `${pk}#${sk}`,
});

export const PROJECT_PREFIX = 'PROJECT#';
export const projectSk = (projectId: string) => `${PROJECT_PREFIX}${projectId}`;
export const BALLOT_PREFIX = 'BALLOT#';
export const ballotSk = (voterKey: string) => `${BALLOT_PREFIX}${voterKey}`;

/** The mark that a voter whose ballot was unlinked (erasure) has voted: no second ballot. */
export const votedSk = (voterKey: string) => `VOTED#${voterKey}`;
/** A ballot unlinked from its voter: counted, no longer theirs. */
export const erasedBallotSk = (id: string) => `${BALLOT_PREFIX}ERASED#${id}`;
