/**
 * The participation pages: consultations, proposals with their comments, supports and flags, the
 * participatory budget's ballot and results. Declared like every page (page-route.ts) and spread
 * into portal-routes.ts. Forms post to their own route and answer 303 → the page (POST-redirect-GET),
 * or the page again with 400/422 and the refusal next to the field.
 */
import * as z from 'zod';
import { Cursor, Ulid } from '../kernel/schemas';
import { definePageRoute, PageFormBody } from './page-route';

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
  getConsultationsPage: definePageRoute({
    id: 'getConsultationsPage',
    method: 'GET',
    path: '/consultations',
    table: 'read',
    summary: 'Consultations of the territory, open ones first',
  }),
  getConsultationPage: definePageRoute({
    id: 'getConsultationPage',
    method: 'GET',
    path: CONSULTATION,
    table: 'read',
    objectStore: 'read',
    summary: 'A consultation: its phase timeline, who may take part, its proposals (newest, most supported, random)',
    contract: {
      params: ConsultationParams,
      query: z.object({
        tri: z.enum(PROPOSAL_ORDERS).optional(),
        suite: Cursor,
        graine: z.string().min(1).max(64).optional(),
      }),
    },
  }),
  getNewProposalPage: definePageRoute({
    id: 'getNewProposalPage',
    method: 'GET',
    path: `${CONSULTATION}/proposer`,
    table: 'read',
    summary: 'The form to propose an idea (signed-in citizens; anonymous visitors are sent to sign in)',
    contract: { params: ConsultationParams },
  }),
  submitProposalForm: definePageRoute({
    id: 'submitProposalForm',
    method: 'POST',
    path: `${CONSULTATION}/propositions`,
    table: 'write',
    objectStore: 'read',
    summary: 'Propose an idea: 303 to the proposal, or the form again with the rule that refuses it',
    ...form,
    contract: { params: ConsultationParams, body: PageFormBody },
  }),
  getProposalPage: definePageRoute({
    id: 'getProposalPage',
    method: 'GET',
    path: PROPOSAL,
    table: 'read',
    objectStore: 'read',
    summary: 'A proposal with its comments, and the forms to support, comment and flag',
    contract: {
      params: ProposalParams,
      query: z.object({
        suite: Cursor,
        reponse: Ulid('a comment id').optional(),
        avis: z.enum(PROPOSAL_NOTICES).optional(),
      }),
    },
  }),
  supportProposalForm: definePageRoute({
    id: 'supportProposalForm',
    method: 'POST',
    path: `${PROPOSAL}/soutien`,
    table: 'write',
    objectStore: 'read',
    summary: 'Support a proposal: 303 back to it, or the page again with the rule that refuses it',
    ...form,
    contract: { params: ProposalParams, body: PageFormBody },
  }),
  withdrawProposalSupportForm: definePageRoute({
    id: 'withdrawProposalSupportForm',
    method: 'POST',
    path: `${PROPOSAL}/soutien/retrait`,
    table: 'write',
    objectStore: 'read',
    summary: 'Withdraw a support: 303 back to the proposal',
    ...form,
    contract: { params: ProposalParams, body: PageFormBody },
  }),
  commentProposalForm: definePageRoute({
    id: 'commentProposalForm',
    method: 'POST',
    path: `${PROPOSAL}/commentaires`,
    table: 'write',
    objectStore: 'read',
    summary: 'Comment on a proposal (or answer a comment): 303 back to it, or the form again with its errors',
    ...form,
    contract: { params: ProposalParams, body: PageFormBody },
  }),
  getProposalFlagPage: definePageRoute({
    id: 'getProposalFlagPage',
    method: 'GET',
    path: `${PROPOSAL}/signaler`,
    table: 'read',
    objectStore: 'read',
    summary: 'The form to flag a proposal, or one of its comments, for moderation',
    contract: { params: ProposalParams, query: z.object({ commentaire: Ulid('a comment id').optional() }) },
  }),
  flagProposalForm: definePageRoute({
    id: 'flagProposalForm',
    method: 'POST',
    path: `${PROPOSAL}/signalements`,
    table: 'write',
    publishesEvents: true,
    objectStore: 'read',
    summary: 'Flag a proposal or a comment with a reason: 303 back to the proposal',
    ...form,
    contract: { params: ProposalParams, body: PageFormBody },
  }),
  getBallotPage: definePageRoute({
    id: 'getBallotPage',
    method: 'GET',
    path: `${CONSULTATION}/vote`,
    table: 'read',
    summary: "A participatory budget's ballot: the projects with their costs, the budget, one's own ballot",
    contract: { params: ConsultationParams, query: z.object({ avis: z.enum(['enregistre', 'remplace']).optional() }) },
  }),
  submitBallotForm: definePageRoute({
    id: 'submitBallotForm',
    method: 'POST',
    path: `${CONSULTATION}/vote`,
    table: 'write',
    summary: 'Cast or replace a ballot: checked against the budget; 303 back, or the ballot again with the refusal',
    ...form,
    contract: { params: ConsultationParams, body: PageFormBody },
  }),
  getConsultationResultsPage: definePageRoute({
    id: 'getConsultationResultsPage',
    method: 'GET',
    path: `${CONSULTATION}/resultats`,
    table: 'read',
    summary: "A consultation's published results: a table, and a chart of the same figures",
    contract: { params: ConsultationParams },
  }),
} as const;
