/**
 * What the participation pages show and do, through the participation use cases (never the
 * table): the territory the portal shows, its consultations, a consultation with its proposals, a
 * proposal with its comments, a budget's ballot and results. Views are plain data: the templates
 * (pages/consultation-*.tsx, proposal-*.tsx, budget-*.tsx) format them.
 */
import { ConflictError, NotFoundError, RuleViolationError } from '../kernel/errors';
import type { Principal } from '../kernel/principal';
import { participation } from '../participation/participation-app';
import { isAfter, PHASES, type Consultation, type Phase, type Project } from '../participation/participation';
import type { ProposalOrder } from '../participation/participation-ports';
import { formErrorsFrom, type FieldLabels, type FormErrors } from './form-errors';
import type { Messages } from './i18n';
import { euros, type RuleContext } from './i18n/fr-participation';
import type { ProposalOrderParam } from './participation-pages-routes';
import { portalTerritory, territory } from './portal-app';
import type { ConsultationCard, ConsultationsView } from './pages/consultation-list-page';
import type { ConsultationSummary, TimelineStep } from './pages/consultation-parts';
import type { ConsultationView, ProposalCard } from './pages/consultation-page';
import type { ProposalPageView } from './pages/proposal-page';
import type { BallotView } from './pages/budget-ballot-page';
import type { ResultsPageView } from './pages/consultation-results-page';

export { participation };

/** The SIREN of the territory the portal shows; no territory yet is a page that does not exist. */
export const portalSiren = async (): Promise<string> => {
  const siren = await portalTerritory();
  if (!siren) throw new NotFoundError('No territory is registered yet');
  return siren;
};

const OPEN_PHASES: readonly Phase[] = ['information', 'proposals', 'voting'];
const LIST_PAGE = 100;
const LIST_MAX = 500;
const PROPOSALS_PAGE = 10;
const COMMENTS_PAGE = 50;
const EXCERPT = 220;

const ORDERS: Readonly<Record<ProposalOrderParam, ProposalOrder>> = {
  recentes: 'newest',
  soutenues: 'supported',
  hasard: 'random',
};

export const excerpt = (text: string, max = EXCERPT): string =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

const communeNames = async (siren: string): Promise<ReadonlyMap<string, string>> =>
  new Map((await territory.listCommunes(siren)).map((c) => [c.insee, c.name]));

const scopeNameOf = async (c: Consultation, names?: ReadonlyMap<string, string>): Promise<string> => {
  if (c.scope.level === 'territory') return (await territory.getTerritory(c.territory)).name;
  const { insee } = c.scope;
  return (names ?? (await communeNames(c.territory))).get(insee) ?? insee;
};

const summaryOf = (c: Consultation, scopeName: string): ConsultationSummary => ({
  id: c.id,
  title: c.title,
  phase: c.phase,
  scopeName,
  scopeLevel: c.scope.level,
  ...(c.budget ? { budget: c.budget } : {}),
});

/**
 * The phases the consultation goes through, with their dates: voting only with a budget, and not
 * a phase it went past without a date (skipped).
 */
export const timelineOf = (c: Consultation): TimelineStep[] =>
  PHASES.filter((phase) => {
    if (phase === 'voting' && c.budget === undefined) return false;
    return !(isAfter(c.phase, phase) && c.schedule[phase] === null);
  }).map((phase) => ({
    phase,
    // The date the schedule says (a move by hand rewrites it); the move itself when undated.
    at: c.schedule[phase] ?? (phase === c.phase ? c.phaseSince : null),
    state: phase === c.phase ? 'current' : isAfter(c.phase, phase) ? 'past' : 'future',
  }));

/** What a refusal may name about the consultation: its minimum age, its residents, its phase, its budget. */
export const ruleContextOf = (t: Messages, c: Consultation, scopeName: string): RuleContext => ({
  ...(c.eligibility.minimumAge !== undefined ? { minimumAge: c.eligibility.minimumAge } : {}),
  residents: c.scope.level === 'commune' ? `habitants de ${scopeName}` : `habitants des communes de ${scopeName}`,
  phase: t.phase[c.phase] ?? c.phase,
  ...(c.budget
    ? { budget: euros(c.budget.amount), minSelections: c.budget.minSelections, maxSelections: c.budget.maxSelections }
    : {}),
});

/**
 * A participation use case's refusal as the form shows it: the rule in words naming it (with the
 * consultation's minimum age, residents, phase or budget), next to `ruleFields[rule]` or on top.
 * Undefined for errors that are not refusals (the page's error handling answers those).
 */
export const refusalOf = (
  t: Messages,
  error: unknown,
  context: RuleContext,
  ruleFields: Readonly<Record<string, string>> = {},
): FormErrors | undefined => {
  if (error instanceof RuleViolationError) {
    const message = t.participation.rules[error.rule]?.(context) ?? t.rules[error.rule] ?? t.ruleFallback;
    const field = ruleFields[error.rule];
    return field ? { fields: { [field]: message }, general: [] } : { fields: {}, general: [message] };
  }
  if (error instanceof ConflictError) return { fields: {}, general: [t.participation.conflict] };
  return undefined;
};

/** Where a form that takes a display name shows the rule asking for one. */
export const DISPLAY_NAME_FIELD = { 'display-name-required': 'displayName' } as const;

/**
 * A participation form refused by its use case: a rule (422, refusalOf) or fields the use case
 * found invalid (400), as the form shows them again; undefined for other errors (rethrow them).
 */
export const formRefusalOf = (
  t: Messages,
  error: unknown,
  context: RuleContext,
  labels: FieldLabels,
  ruleFields: Readonly<Record<string, string>> = {},
): { readonly errors: FormErrors; readonly status: 400 | 422 } | undefined => {
  const refused = refusalOf(t, error, context, ruleFields);
  if (refused) return { errors: refused, status: 422 };
  const invalid = formErrorsFrom(t, error, labels);
  return invalid ? { errors: invalid, status: 400 } : undefined;
};

// ——— the list ———

export const loadConsultations = async (): Promise<ConsultationsView> => {
  const siren = await portalSiren();
  const all: Consultation[] = [];
  let cursor: string | undefined;
  do {
    const page = await participation.listConsultations(siren, { limit: LIST_PAGE, ...(cursor ? { cursor } : {}) });
    all.push(...page.items);
    cursor = page.cursor;
  } while (cursor && all.length < LIST_MAX);
  const [names, found] = await Promise.all([communeNames(siren), territory.getTerritory(siren)]);
  const card = (c: Consultation): ConsultationCard => {
    const next = PHASES.slice(PHASES.indexOf(c.phase) + 1).find((p) => c.schedule[p] !== null);
    return {
      ...summaryOf(c, c.scope.level === 'territory' ? found.name : (names.get(c.scope.insee) ?? c.scope.insee)),
      excerpt: excerpt(c.body),
      ...(next && c.schedule[next] ? { next: { phase: next, at: c.schedule[next] } } : {}),
    };
  };
  // Newest first within each group, as the use case lists them.
  return {
    open: all.filter((c) => OPEN_PHASES.includes(c.phase)).map(card),
    past: all.filter((c) => !OPEN_PHASES.includes(c.phase)).map(card),
  };
};

// ——— a consultation ———

export interface Loaded {
  readonly siren: string;
  readonly consultation: Consultation;
  readonly summary: ConsultationSummary;
  /** What a refusal names about it. */
  readonly ruleContext: RuleContext;
}

/** A consultation of the portal's territory, in short, and what a refusal may name about it. */
export const loadConsultation = async (t: Messages, id: string): Promise<Loaded> => {
  const siren = await portalSiren();
  const { consultation } = await participation.getConsultation(siren, id);
  const scopeName = await scopeNameOf(consultation);
  return {
    siren,
    consultation,
    summary: summaryOf(consultation, scopeName),
    ruleContext: ruleContextOf(t, consultation, scopeName),
  };
};

export const loadConsultationView = async (
  id: string,
  principal: Principal | undefined,
  query: { readonly tri?: ProposalOrderParam; readonly suite?: string; readonly graine?: string },
): Promise<ConsultationView> => {
  const siren = await portalSiren();
  const { consultation: c, counts } = await participation.getConsultation(siren, id);
  const order = query.tri ?? 'recentes';
  const [scopeName, proposals] = await Promise.all([
    scopeNameOf(c),
    participation.listProposals(principal, siren, id, ORDERS[order], {
      limit: PROPOSALS_PAGE,
      ...(query.suite ? { cursor: query.suite } : {}),
      ...(query.graine ? { seed: query.graine } : {}),
    }),
  ]);
  const seed = query.graine ?? ('seed' in proposals ? proposals.seed : undefined);
  const items: ProposalCard[] = proposals.items.map((p) => ({
    id: p.id,
    title: p.title,
    excerpt: excerpt(p.body),
    authorName: p.authorName,
    supportCount: p.supportCount,
    commentCount: p.commentCount,
    createdAt: p.createdAt,
  }));
  return {
    ...summaryOf(c, scopeName),
    body: c.body,
    timeline: timelineOf(c),
    eligibility: c.eligibility,
    counts,
    signedIn: principal !== undefined,
    proposals: {
      order,
      items,
      ...(seed && order === 'hasard' ? { seed } : {}),
      ...(proposals.cursor ? { cursor: proposals.cursor } : {}),
      isFirstPage: !query.suite,
    },
  };
};

// ——— the name shown ———

/** The display name of the signed-in citizen's participation profile, to fill the forms with. */
export const profileName = async (principal: Principal | undefined, siren: string): Promise<string | undefined> =>
  principal ? (await participation.getProfile(principal, siren)).displayName : undefined;

/**
 * A name typed with a contribution becomes the profile's, so the next form is filled with it (the
 * API keeps it apart: a client may set the profile itself). Only once the contribution is accepted.
 */
export const keepProfileName = async (
  principal: Principal,
  siren: string,
  displayName: string | undefined,
): Promise<void> => {
  if (displayName === undefined || displayName === (await profileName(principal, siren))) return;
  await participation.saveProfile(principal, siren, { displayName });
};

// ——— a proposal ———

export const loadProposalView = async (
  id: string,
  proposalId: string,
  principal: Principal | undefined,
  query: { readonly suite?: string; readonly reponse?: string },
): Promise<ProposalPageView> => {
  const siren = await portalSiren();
  const [{ consultation: c }, found] = await Promise.all([
    participation.getConsultation(siren, id),
    participation.getProposal(principal, siren, id, proposalId),
  ]);
  const p = found.proposal;
  const visible = !p.hidden || found.moderator;
  const comments = visible
    ? await participation.listComments(siren, id, proposalId, {
        limit: COMMENTS_PAGE,
        ...(query.suite ? { cursor: query.suite } : {}),
      })
    : { items: [] };
  const topLevel = comments.items.filter((comment) => !comment.replyTo);
  const repliesOf = (commentId: string) => comments.items.filter((comment) => comment.replyTo === commentId);
  const shown = new Set(topLevel.map((comment) => comment.id));
  const view = (comment: (typeof comments.items)[number]) => ({
    id: comment.id,
    body: comment.body,
    authorName: comment.authorName,
    createdAt: comment.createdAt,
  });
  const replyTarget = query.reponse ? comments.items.find((comment) => comment.id === query.reponse) : undefined;
  const displayName = await profileName(principal, siren);
  return {
    ...(displayName ? { displayName } : {}),
    consultation: summaryOf(c, await scopeNameOf(c)),
    proposal: {
      id: p.id,
      ...(visible ? { title: p.title, body: p.body, authorName: p.authorName } : {}),
      supportCount: p.supportCount,
      commentCount: p.commentCount,
      createdAt: p.createdAt,
      ...(p.hidden ? { hiddenReason: p.hidden.reason } : {}),
    },
    ...(found.supportedByMe !== undefined ? { supportedByMe: found.supportedByMe } : {}),
    signedIn: principal !== undefined,
    comments: [
      ...topLevel.map((comment) => ({ ...view(comment), replies: repliesOf(comment.id).map(view) })),
      // Answers whose comment is on an earlier page: shown on their own.
      ...comments.items
        .filter((comment) => comment.replyTo && !shown.has(comment.replyTo))
        .map((comment) => ({ ...view(comment), replies: [] })),
    ],
    ...(comments.cursor ? { commentsCursor: comments.cursor } : {}),
    ...(query.reponse
      ? {
          replyTo: {
            id: query.reponse,
            ...(replyTarget && !replyTarget.replyTo ? { authorName: replyTarget.authorName } : {}),
          },
        }
      : {}),
  };
};

/** The content a flag form names: the proposal's title, or the comment's author and text. */
export const loadFlagTarget = async (id: string, proposalId: string, commentId: string | undefined) => {
  const siren = await portalSiren();
  const [{ consultation: c }, { proposal }] = await Promise.all([
    participation.getConsultation(siren, id),
    participation.getProposal(undefined, siren, id, proposalId),
  ]);
  if (proposal.hidden) throw new NotFoundError(`Proposal ${proposalId} is hidden`);
  let comment: { authorName: string; body: string } | undefined;
  if (commentId) {
    // Comments are few per proposal: read them until the one flagged.
    let cursor: string | undefined;
    do {
      const page = await participation.listComments(siren, id, proposalId, {
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      const found = page.items.find((item) => item.id === commentId);
      if (found) comment = { authorName: found.authorName, body: found.body };
      cursor = found ? undefined : page.cursor;
    } while (cursor);
    if (!comment) throw new NotFoundError(`No comment ${commentId} on proposal ${proposalId}`);
  }
  return {
    consultation: summaryOf(c, await scopeNameOf(c)),
    proposal: { id: proposal.id, title: proposal.title },
    ...(commentId && comment ? { comment: { id: commentId, ...comment, body: excerpt(comment.body, 400) } } : {}),
  };
};

// ——— the participatory budget ———

const totalOf = (projects: readonly Project[], selected: readonly string[]) =>
  projects.filter((p) => selected.includes(p.id)).reduce((sum, p) => sum + p.cost, 0);

/** The ballot page: projects, budget, and the visitor's ballot (or the selection they just sent). */
export const loadBallotView = async (
  id: string,
  principal: Principal | undefined,
  sent?: readonly string[],
): Promise<BallotView> => {
  const siren = await portalSiren();
  const { consultation: c } = await participation.getConsultation(siren, id);
  const [scopeName, projects, ballot] = await Promise.all([
    scopeNameOf(c),
    c.budget ? participation.listProjects(siren, id) : Promise.resolve([]),
    principal && c.budget
      ? participation.getBallot(principal, siren, id).catch((error: unknown) => {
          if (error instanceof NotFoundError) return undefined;
          throw error;
        })
      : Promise.resolve(undefined),
  ]);
  const selected = sent ?? ballot?.projectIds ?? [];
  return {
    consultation: summaryOf(c, scopeName),
    projects: projects.map((p) => ({ id: p.id, title: p.title, description: p.description, cost: p.cost })),
    selected,
    selectedTotal: totalOf(projects, selected),
    ...(ballot ? { ballot: { count: ballot.projectIds.length, total: ballot.totalCost } } : {}),
    signedIn: principal !== undefined,
  };
};

/** The results once published; before, the date they will be, if known. */
export const loadResultsView = async (id: string, principal: Principal | undefined): Promise<ResultsPageView> => {
  const siren = await portalSiren();
  const { consultation: c } = await participation.getConsultation(siren, id);
  const consultation = summaryOf(c, await scopeNameOf(c));
  const results = await participation.getResults(principal, siren, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  });
  if (!results) return { consultation, ...(c.schedule.results ? { publishedOn: c.schedule.results } : {}) };
  return { consultation, results };
};
