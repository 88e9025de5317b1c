/**
 * What citizens say in a consultation: proposals (with a photo), supports, comments, and the
 * moderation of it all. Pure: the store keeps the counts exact with conditional writes.
 */
import { ConflictError, InvalidInputError, NotFoundError, RuleViolationError } from '../kernel/errors';
import { newId } from '../kernel/ids';
import type { Principal } from '../kernel/principal';
import { PHOTO_TYPES } from '../reports/report';
import { boundaryContains } from '../territory/geometry';
import {
  displayNameFor,
  requirePhase,
  voterKeyOf,
  type Comment,
  type Hidden,
  type Location,
  type ModerationTarget,
  type Proposal,
} from './participation';
import { canManage, retryWhileStale, STALE, type Access, type ParticipationDeps } from './participation-access';
import { participationChanged } from './participation-events';
import type { PageRequest, ProposalOrder } from './participation-ports';
import { checkUploadedPhoto } from '../reports/photos';

/** How long a photo link in a view stays valid. */
const PHOTO_LINK_SECONDS = 3600;

const subjectOf = (target: ModerationTarget) =>
  target.kind === 'proposal'
    ? `/proposal/${target.proposalId}`
    : `/proposal/${target.proposalId}/comment/${target.commentId}`;

export const makeContributionUseCases = (
  { store, clock, territory, photos }: ParticipationDeps,
  { requireConsultation, manage, requireProposal, requireContent, participate }: Access,
) => {
  /**
   * A photo uploaded through the same presigned slot as reports': it must exist, weigh at most
   * 10 MB and start like a JPEG, PNG or WebP; it is copied out of the upload area (which expires).
   */
  const keepPhoto = async (proposal: Pick<Proposal, 'territory' | 'consultationId' | 'id'>, key: string) => {
    if (!photos) {
      throw new InvalidInputError('Photos cannot be kept here', [
        { path: 'body.photoKey', message: 'no object store' },
      ]);
    }
    const type = await checkUploadedPhoto(photos, proposal.territory, key, {
      path: 'body.photoKey',
      message: 'ask POST /territories/{siren}/photo-uploads for an upload slot first',
    });
    const kept = `participation/${proposal.territory}/${proposal.consultationId}/${proposal.id}.${PHOTO_TYPES[type].extension}`;
    await photos.copy(key, kept);
    return kept;
  };

  /** A proposal with a link to its photo, valid an hour. */
  const withPhotoLink = async (proposal: Proposal): Promise<Proposal & { photoUrl?: string }> =>
    proposal.photoKey && photos
      ? { ...proposal, photoUrl: await photos.presignDownload(proposal.photoKey, PHOTO_LINK_SECONDS) }
      : proposal;

  /**
   * Primary course: a moderator hides a proposal or a comment with a public reason, or restores
   * it (reason null): one act, audited, whose answer is the content's hidden state.
   */
  async function moderate(
    principal: Principal,
    siren: string,
    id: string,
    target: ModerationTarget,
    reason: string,
  ): Promise<Hidden>;
  async function moderate(
    principal: Principal,
    siren: string,
    id: string,
    target: ModerationTarget,
    reason: null,
  ): Promise<null>;
  async function moderate(
    principal: Principal,
    siren: string,
    id: string,
    target: ModerationTarget,
    reason: string | null,
  ): Promise<Hidden | null> {
    const c = await manage(principal, siren, id);
    const content = await requireContent(c, target);
    if (reason !== null && content.hidden) throw new ConflictError(`This ${target.kind} is already hidden`);
    if (reason === null && !content.hidden) throw new ConflictError(`This ${target.kind} is not hidden`);
    const hidden = reason === null ? null : { reason, at: clock.now().toISOString() };
    const event = participationChanged(
      clock,
      principal,
      c,
      hidden ? `${target.kind}-hidden` : `${target.kind}-restored`,
      subjectOf(target),
      { before: { hidden: content.hidden ?? null }, after: { hidden } },
    );
    await store.setHidden(siren, id, target, content, hidden, event);
    return hidden;
  }

  return {
    // ——— proposals ———

    /** Primary course: an eligible citizen submits a proposal during the proposals phase, placed inside the area. */
    submitProposal: async (
      principal: Principal,
      siren: string,
      id: string,
      input: { title: string; body: string; location?: Location; displayName?: string; photoKey?: string },
    ): Promise<Proposal> => {
      const {
        consultation: c,
        profile,
        voterKey,
      } = await participate(principal, siren, id, ['proposals'], 'Proposals are accepted');
      const authorName = displayNameFor(input.displayName, profile);
      if (input.location) {
        const { lat, lon } = input.location;
        const area = c.areaBbox ? await store.getArea(siren, id) : undefined;
        const inside = area
          ? boundaryContains(area, lon, lat)
          : c.scopeInsees.includes((await territory.locate(siren, lat, lon)) ?? '');
        if (!inside) {
          throw new RuleViolationError(
            `The location is outside the ${area ? 'area' : 'communes'} of this consultation`,
            'proposal-location',
          );
        }
      }
      const proposalId = newId();
      const photoKey = input.photoKey
        ? await keepPhoto({ territory: siren, consultationId: id, id: proposalId }, input.photoKey)
        : undefined;
      const proposal: Proposal = {
        id: proposalId,
        territory: siren,
        consultationId: id,
        title: input.title,
        body: input.body,
        ...(input.location ? { location: input.location } : {}),
        ...(photoKey ? { photoKey } : {}),
        authorName,
        authorKey: voterKey,
        supportCount: 0,
        commentCount: 0,
        flagCount: 0,
        createdAt: clock.now().toISOString(),
        version: 1,
      };
      await store.createProposal(proposal);
      return withPhotoLink(proposal);
    },

    /** A proposal; hidden ones are shown by their public reason only, except to moderators. */
    getProposal: async (principal: Principal | undefined, siren: string, id: string, proposalId: string) => {
      const c = await requireConsultation(siren, id);
      const proposal = await requireProposal(c, proposalId, { visible: false });
      const supportedByMe = principal ? await store.hasSupported(proposal, voterKeyOf(principal)) : undefined;
      return { proposal: await withPhotoLink(proposal), supportedByMe, moderator: canManage(principal, c) };
    },

    /**
     * Newest, most supported, or random with a seed: the caller's own (stable across visits) when
     * signed in, else the one given, else a new one, returned to pass back.
     */
    listProposals: async (
      principal: Principal | undefined,
      siren: string,
      id: string,
      order: ProposalOrder,
      page: PageRequest & { seed?: string },
    ) => {
      await requireConsultation(siren, id);
      const seed =
        order === 'random' ? (page.seed ?? (principal ? `${voterKeyOf(principal)}#${id}` : newId())) : undefined;
      const result = await store.listProposals(siren, id, order, { ...page, seed });
      const items = await Promise.all(result.items.map(withPhotoLink));
      return { ...result, items, ...(seed && !principal ? { seed } : {}) };
    },

    // ——— supports ———

    /** Primary course: an eligible citizen supports a proposal once; the count moves with it, exactly. */
    support: async (principal: Principal, siren: string, id: string, proposalId: string) => {
      const { consultation: c, voterKey } = await participate(
        principal,
        siren,
        id,
        ['proposals'],
        'Supports are given',
      );
      return retryWhileStale(async () => {
        const proposal = await requireProposal(c, proposalId, { visible: true });
        const outcome = await store.addSupport(proposal, voterKey, clock.now().toISOString());
        if (outcome === 'stale') return STALE;
        return { supported: true, supportCount: proposal.supportCount + (outcome === 'done' ? 1 : 0) };
      });
    },

    /** Primary course: a citizen withdraws a support while the proposals phase is open. */
    withdrawSupport: async (principal: Principal, siren: string, id: string, proposalId: string) => {
      const c = await requireConsultation(siren, id);
      requirePhase(c, ['proposals'], 'Supports are withdrawn', clock.now());
      const voterKey = voterKeyOf(principal);
      return retryWhileStale(async () => {
        const proposal = await requireProposal(c, proposalId, { visible: true });
        const outcome = await store.removeSupport(proposal, voterKey);
        if (outcome === 'stale') return STALE;
        return { supported: false, supportCount: proposal.supportCount - (outcome === 'done' ? 1 : 0) };
      });
    },

    // ——— comments ———

    /** Primary course: an eligible citizen comments on a proposal, or answers a top-level comment. */
    addComment: async (
      principal: Principal,
      siren: string,
      id: string,
      proposalId: string,
      input: { body: string; replyTo?: string; displayName?: string },
    ): Promise<Comment> => {
      const {
        consultation: c,
        profile,
        voterKey,
      } = await participate(principal, siren, id, ['proposals', 'voting'], 'Comments are open');
      await requireProposal(c, proposalId, { visible: true });
      if (input.replyTo) {
        const parent = await store.getComment(siren, id, proposalId, input.replyTo);
        if (!parent || parent.hidden) throw new NotFoundError(`No comment ${input.replyTo} on proposal ${proposalId}`);
        if (parent.replyTo) {
          throw new RuleViolationError('Comments go one level deep: answer the top-level comment', 'comment-depth');
        }
      }
      const comment: Comment = {
        id: newId(),
        territory: siren,
        consultationId: id,
        proposalId,
        ...(input.replyTo ? { replyTo: input.replyTo } : {}),
        body: input.body,
        authorName: displayNameFor(input.displayName, profile),
        authorKey: voterKey,
        flagCount: 0,
        createdAt: clock.now().toISOString(),
        version: 1,
      };
      await store.addComment(comment);
      return comment;
    },

    listComments: async (siren: string, id: string, proposalId: string, page: PageRequest) => {
      const c = await requireConsultation(siren, id);
      await requireProposal(c, proposalId, { visible: true });
      return store.listComments(siren, id, proposalId, page);
    },

    // ——— moderation ———

    /** Primary course: a signed-in citizen flags a proposal or a comment with a reason, once. */
    flag: async (principal: Principal, siren: string, id: string, target: ModerationTarget, reason: string) => {
      const c = await requireConsultation(siren, id);
      const content = await requireContent(c, target);
      const event = participationChanged(clock, principal, c, `${target.kind}-flagged`, subjectOf(target), {
        before: { flagCount: content.flagCount },
        after: { flagCount: content.flagCount + 1, reason },
      });
      const counted = await store.flag(siren, id, target, content, voterKeyOf(principal), reason, event);
      return { flagged: true as const, counted };
    },

    moderate,

    listModeration: async (
      principal: Principal,
      siren: string,
      id: string,
      status: 'pending' | 'hidden',
      page: PageRequest,
    ) => {
      await manage(principal, siren, id);
      return store.listModeration(siren, id, status, page);
    },

    /**
     * The moderation queue as a moderator reads it: each entry with its content (hidden or not)
     * and the reasons of its first flags; an entry whose content is gone is left out.
     */
    moderationQueue: async (
      principal: Principal,
      siren: string,
      id: string,
      status: 'pending' | 'hidden',
      page: PageRequest,
      flagsPerEntry = 5,
    ) => {
      const c = await manage(principal, siren, id);
      const entries = await store.listModeration(siren, id, status, page);
      const items = await Promise.all(
        entries.items.map(async (entry) => {
          const [content, flags] = await Promise.all([
            requireContent(c, entry.target).catch((error: unknown) => {
              if (error instanceof NotFoundError) return undefined;
              throw error;
            }),
            store.listFlags(siren, id, entry.target, flagsPerEntry),
          ]);
          return content ? { ...entry, content, flags } : undefined;
        }),
      );
      return { ...entries, items: items.filter((item) => item !== undefined) };
    },
  };
};
