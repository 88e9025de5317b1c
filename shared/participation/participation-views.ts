/**
 * What leaves the API, field by field (allow-lists, never spreads of stored items): authors by
 * their display name only; no subject, author key, reference list or flag detail in public views.
 */
import type { Boundary } from '../territory/geometry';
import type { Ballot, Comment, Consultation, ModerationEntry, Project, Proposal } from './participation';

export const consultationView = (
  c: Consultation,
  extra: { area?: Boundary; counts?: { proposals: number; comments: number; ballots: number } } = {},
) => ({
  id: c.id,
  territory: c.territory,
  scope: c.scope,
  title: c.title,
  body: c.body,
  ...(extra.area ? { area: extra.area } : {}),
  ...(c.areaBbox ? { areaBbox: c.areaBbox } : {}),
  phase: c.phase,
  phaseSince: c.phaseSince,
  schedule: c.schedule,
  eligibility: c.eligibility,
  ...(c.budget ? { budget: c.budget } : {}),
  // The version read, for an edit (PATCH): a concurrent change is a 409.
  version: c.version,
  ...(extra.counts ? { counts: extra.counts } : {}),
  resultsPublished: c.phase === 'results',
});

/** A hidden proposal shows its public reason only, except to the consultation's moderators. */
export const proposalView = (
  p: Proposal & { photoUrl?: string },
  options: { moderator?: boolean; supportedByMe?: boolean } = {},
) => {
  const content =
    p.hidden && !options.moderator
      ? {}
      : {
          title: p.title,
          body: p.body,
          ...(p.location ? { location: p.location } : {}),
          ...(p.photoUrl ? { photoUrl: p.photoUrl } : {}),
          authorName: p.authorName,
        };
  return {
    id: p.id,
    ...content,
    supportCount: p.supportCount,
    commentCount: p.commentCount,
    ...(p.projectId ? { projectId: p.projectId } : {}),
    createdAt: p.createdAt,
    ...(p.hidden ? { hidden: p.hidden } : {}),
    ...(options.supportedByMe !== undefined ? { supportedByMe: options.supportedByMe } : {}),
    ...(options.moderator ? { flagCount: p.flagCount } : {}),
  };
};

export const commentView = (c: Comment) => ({
  id: c.id,
  proposalId: c.proposalId,
  ...(c.replyTo ? { replyTo: c.replyTo } : {}),
  body: c.body,
  authorName: c.authorName,
  createdAt: c.createdAt,
});

export const projectView = (p: Project) => ({
  id: p.id,
  title: p.title,
  description: p.description,
  cost: p.cost,
  ...(p.proposalId ? { proposalId: p.proposalId } : {}),
  submittedAt: p.submittedAt,
  version: p.version,
});

export const ballotView = (b: Ballot, replaced?: boolean) => ({
  projectIds: b.projectIds,
  totalCost: b.totalCost,
  submittedAt: b.submittedAt,
  version: b.version,
  ...(replaced !== undefined ? { replaced } : {}),
});

export const moderationEntryView = (m: ModerationEntry) => ({
  target: m.target,
  flagCount: m.flagCount,
  ...(m.lastReason ? { lastReason: m.lastReason } : {}),
  ...(m.lastFlaggedAt ? { lastFlaggedAt: m.lastFlaggedAt } : {}),
  ...(m.hidden ? { hidden: m.hidden } : {}),
});
