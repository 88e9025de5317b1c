/**
 * The participation pages: consultations, proposals with their comments, supports and flags, the
 * participatory budget's ballot and results. Declared like every page (page-route.ts) and spread
 * into portal-routes.ts. Forms post to their own route and answer 303 → the page (POST-redirect-GET),
 * or the page again with 400/422 and the refusal next to the field.
 */
import * as z from 'zod';
import { Cursor, Ulid } from '../kernel/schemas';
import { defineRoute } from '../wiring/define';
import { PAGE_ERRORS, PAGE_RESPONSES, PAGE_TAG as tag, PageFormBody, pageHandlerPath as page } from './page-route';

const CONSULTATION = '/consultations/{consultationId}';
const PROPOSAL = `${CONSULTATION}/propositions/{proposalId}`;

const ConsultationParams = z.object({ consultationId: Ulid('a consultation id') });
const ProposalParams = ConsultationParams.extend({ proposalId: Ulid('a proposal id') });

/** The orders of the proposals, as the page's URL says them. */
export const PROPOSAL_ORDERS = ['recentes', 'soutenues', 'hasard'] as const;
export type ProposalOrderParam = (typeof PROPOSAL_ORDERS)[number];

/** What a form's 303 asks the page to say (a success notice). */
export const PROPOSAL_NOTICES = ['publiee', 'soutenue', 'retiree', 'commentee', 'signalee'] as const;
export type ProposalNotice = (typeof PROPOSAL_NOTICES)[number];

/** Forms are small: the longest text is a proposal's 5 000 characters, percent-encoded. */
const FORM_BYTES = 64 * 1024;

const form = { bodyFormat: 'form', maxBodyBytes: FORM_BYTES } as const;

export const participationPageRoutes = {
  getConsultationsPage: defineRoute({
    id: 'getConsultationsPage',
    method: 'GET',
    path: '/consultations',
    handler: page('get-consultations-page'),
    access: 'public',
    table: 'read',
    tag,
    summary: 'Consultations of the territory, open ones first',
    hidden: true,
    contract: { responses: PAGE_RESPONSES, errors: PAGE_ERRORS },
  }),
  getConsultationPage: defineRoute({
    id: 'getConsultationPage',
    method: 'GET',
    path: CONSULTATION,
    handler: page('get-consultation-page'),
    access: 'public',
    table: 'read',
    objectStore: 'read',
    tag,
    summary: 'A consultation: its phase timeline, who may take part, its proposals (newest, most supported, random)',
    hidden: true,
    contract: {
      params: ConsultationParams,
      query: z.object({
        tri: z.enum(PROPOSAL_ORDERS).optional(),
        suite: Cursor,
        graine: z.string().min(1).max(64).optional(),
      }),
      responses: PAGE_RESPONSES,
      errors: PAGE_ERRORS,
    },
  }),
  getNewProposalPage: defineRoute({
    id: 'getNewProposalPage',
    method: 'GET',
    path: `${CONSULTATION}/proposer`,
    handler: page('get-new-proposal-page'),
    access: 'public',
    table: 'read',
    tag,
    summary: 'The form to propose an idea (signed-in citizens; anonymous visitors are sent to sign in)',
    hidden: true,
    contract: { params: ConsultationParams, responses: PAGE_RESPONSES, errors: PAGE_ERRORS },
  }),
  submitProposalForm: defineRoute({
    id: 'submitProposalForm',
    method: 'POST',
    path: `${CONSULTATION}/propositions`,
    handler: page('submit-proposal-form'),
    access: 'public',
    table: 'write',
    objectStore: 'read',
    tag,
    summary: 'Propose an idea: 303 to the proposal, or the form again with the rule that refuses it',
    hidden: true,
    ...form,
    contract: { params: ConsultationParams, body: PageFormBody, responses: PAGE_RESPONSES, errors: PAGE_ERRORS },
  }),
  getProposalPage: defineRoute({
    id: 'getProposalPage',
    method: 'GET',
    path: PROPOSAL,
    handler: page('get-proposal-page'),
    access: 'public',
    table: 'read',
    objectStore: 'read',
    tag,
    summary: 'A proposal with its comments, and the forms to support, comment and flag',
    hidden: true,
    contract: {
      params: ProposalParams,
      query: z.object({
        suite: Cursor,
        reponse: Ulid('a comment id').optional(),
        avis: z.enum(PROPOSAL_NOTICES).optional(),
      }),
      responses: PAGE_RESPONSES,
      errors: PAGE_ERRORS,
    },
  }),
  supportProposalForm: defineRoute({
    id: 'supportProposalForm',
    method: 'POST',
    path: `${PROPOSAL}/soutien`,
    handler: page('support-proposal-form'),
    access: 'public',
    table: 'write',
    objectStore: 'read',
    tag,
    summary: 'Support a proposal: 303 back to it, or the page again with the rule that refuses it',
    hidden: true,
    ...form,
    contract: { params: ProposalParams, body: PageFormBody, responses: PAGE_RESPONSES, errors: PAGE_ERRORS },
  }),
  withdrawProposalSupportForm: defineRoute({
    id: 'withdrawProposalSupportForm',
    method: 'POST',
    path: `${PROPOSAL}/soutien/retrait`,
    handler: page('withdraw-proposal-support-form'),
    access: 'public',
    table: 'write',
    objectStore: 'read',
    tag,
    summary: 'Withdraw a support: 303 back to the proposal',
    hidden: true,
    ...form,
    contract: { params: ProposalParams, body: PageFormBody, responses: PAGE_RESPONSES, errors: PAGE_ERRORS },
  }),
  commentProposalForm: defineRoute({
    id: 'commentProposalForm',
    method: 'POST',
    path: `${PROPOSAL}/commentaires`,
    handler: page('comment-proposal-form'),
    access: 'public',
    table: 'write',
    objectStore: 'read',
    tag,
    summary: 'Comment on a proposal (or answer a comment): 303 back to it, or the form again with its errors',
    hidden: true,
    ...form,
    contract: { params: ProposalParams, body: PageFormBody, responses: PAGE_RESPONSES, errors: PAGE_ERRORS },
  }),
  getProposalFlagPage: defineRoute({
    id: 'getProposalFlagPage',
    method: 'GET',
    path: `${PROPOSAL}/signaler`,
    handler: page('get-proposal-flag-page'),
    access: 'public',
    table: 'read',
    objectStore: 'read',
    tag,
    summary: 'The form to flag a proposal, or one of its comments, for moderation',
    hidden: true,
    contract: {
      params: ProposalParams,
      query: z.object({ commentaire: Ulid('a comment id').optional() }),
      responses: PAGE_RESPONSES,
      errors: PAGE_ERRORS,
    },
  }),
  flagProposalForm: defineRoute({
    id: 'flagProposalForm',
    method: 'POST',
    path: `${PROPOSAL}/signalements`,
    handler: page('flag-proposal-form'),
    access: 'public',
    table: 'write',
    publishesEvents: true,
    objectStore: 'read',
    tag,
    summary: 'Flag a proposal or a comment with a reason: 303 back to the proposal',
    hidden: true,
    ...form,
    contract: { params: ProposalParams, body: PageFormBody, responses: PAGE_RESPONSES, errors: PAGE_ERRORS },
  }),
  getBallotPage: defineRoute({
    id: 'getBallotPage',
    method: 'GET',
    path: `${CONSULTATION}/vote`,
    handler: page('get-ballot-page'),
    access: 'public',
    table: 'read',
    tag,
    summary: "A participatory budget's ballot: the projects with their costs, the budget, one's own ballot",
    hidden: true,
    contract: {
      params: ConsultationParams,
      query: z.object({ avis: z.enum(['enregistre', 'remplace']).optional() }),
      responses: PAGE_RESPONSES,
      errors: PAGE_ERRORS,
    },
  }),
  submitBallotForm: defineRoute({
    id: 'submitBallotForm',
    method: 'POST',
    path: `${CONSULTATION}/vote`,
    handler: page('submit-ballot-form'),
    access: 'public',
    table: 'write',
    tag,
    summary: 'Cast or replace a ballot: checked against the budget; 303 back, or the ballot again with the refusal',
    hidden: true,
    ...form,
    contract: { params: ConsultationParams, body: PageFormBody, responses: PAGE_RESPONSES, errors: PAGE_ERRORS },
  }),
  getConsultationResultsPage: defineRoute({
    id: 'getConsultationResultsPage',
    method: 'GET',
    path: `${CONSULTATION}/resultats`,
    handler: page('get-consultation-results-page'),
    access: 'public',
    table: 'read',
    tag,
    summary: "A consultation's published results: a table, and a chart of the same figures",
    hidden: true,
    contract: { params: ConsultationParams, responses: PAGE_RESPONSES, errors: PAGE_ERRORS },
  }),
} as const;
