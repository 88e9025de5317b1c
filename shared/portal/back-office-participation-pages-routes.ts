/**
 * The back office's participation pages: the moderation queue of a consultation (flagged
 * proposals and comments, hide with a public reason, restore), the consultations (list, creation,
 * one consultation with its phase move, its budget's projects and the publication of its results).
 * Page routes (page-route.ts), `signedIn: 'agent'` in their handlers; forms post to the page they
 * sit on and answer 303 back to it (POST-redirect-GET), or the page again with 400/422.
 */
import * as z from 'zod';
import { Cursor, Ulid } from '../kernel/schemas';
import { defineRoute } from '../wiring/define';
import { PAGE_ERRORS, PAGE_RESPONSES, PAGE_TAG as tag, PageFormBody, pageHandlerPath as page } from './page-route';

const form = { bodyFormat: 'form', maxBodyBytes: 1024 * 1024 } as const;

/** What a form's 303 asks the page to say. */
export const MODERATION_NOTICES = ['masque', 'retabli'] as const;
export const CONSULTATION_NOTICES = ['creee', 'modifiee', 'etape', 'projet', 'projet-retire'] as const;
export type ConsultationNotice = (typeof CONSULTATION_NOTICES)[number];

/** The moderation lists, in the URL's words. */
export const MODERATION_LISTS = { signales: 'pending', masques: 'hidden' } as const;
export type ModerationListParam = keyof typeof MODERATION_LISTS;

const ConsultationParams = z.object({ consultationId: Ulid('a consultation id') });

export const backOfficeParticipationPageRoutes = {
  getBackOfficeModerationPage: defineRoute({
    id: 'getBackOfficeModerationPage',
    method: 'GET',
    path: '/agents/moderation',
    handler: page('get-back-office-moderation-page'),
    access: 'public',
    table: 'read',
    tag,
    summary: 'The moderation queue of a consultation: flagged (or hidden) proposals and comments, with their flags',
    hidden: true,
    contract: {
      query: z.object({
        consultation: z.preprocess((v) => (v === '' ? undefined : v), Ulid('a consultation id').optional()),
        liste: z.enum(['signales', 'masques']).default('signales'),
        suite: Cursor,
        avis: z.enum(MODERATION_NOTICES).optional(),
      }),
      responses: PAGE_RESPONSES,
      errors: PAGE_ERRORS,
    },
  }),
  submitBackOfficeModerationForm: defineRoute({
    id: 'submitBackOfficeModerationForm',
    method: 'POST',
    path: '/agents/moderation',
    handler: page('submit-back-office-moderation-form'),
    access: 'public',
    table: 'write',
    publishesEvents: true,
    tag,
    summary: 'Hides a flagged content with a public reason, or restores a hidden one (audited)',
    hidden: true,
    ...form,
    contract: { body: PageFormBody, responses: PAGE_RESPONSES, errors: PAGE_ERRORS },
  }),
  getBackOfficeConsultationsPage: defineRoute({
    id: 'getBackOfficeConsultationsPage',
    method: 'GET',
    path: '/agents/consultations',
    handler: page('get-back-office-consultations-page'),
    access: 'public',
    table: 'read',
    tag,
    summary: "The territory's consultations, for agents, by pages",
    hidden: true,
    contract: { query: z.object({ suite: Cursor }), responses: PAGE_RESPONSES, errors: PAGE_ERRORS },
  }),
  getBackOfficeNewConsultationPage: defineRoute({
    id: 'getBackOfficeNewConsultationPage',
    method: 'GET',
    path: '/agents/consultations/nouvelle',
    handler: page('get-back-office-new-consultation-page'),
    access: 'public',
    table: 'read',
    tag,
    summary: 'The form of a new consultation: scope, area, dated phases, eligibility, budget',
    hidden: true,
    contract: { query: z.object({}), responses: PAGE_RESPONSES, errors: PAGE_ERRORS },
  }),
  submitBackOfficeNewConsultationForm: defineRoute({
    id: 'submitBackOfficeNewConsultationForm',
    method: 'POST',
    path: '/agents/consultations/nouvelle',
    handler: page('submit-back-office-new-consultation-form'),
    access: 'public',
    table: 'write',
    publishesEvents: true,
    tag,
    summary: 'Creates a consultation from its form',
    hidden: true,
    ...form,
    contract: { body: PageFormBody, responses: PAGE_RESPONSES, errors: PAGE_ERRORS },
  }),
  getBackOfficeConsultationPage: defineRoute({
    id: 'getBackOfficeConsultationPage',
    method: 'GET',
    path: '/agents/consultations/{consultationId}',
    handler: page('get-back-office-consultation-page'),
    access: 'public',
    table: 'read',
    tag,
    summary: 'A consultation for its agents: phase move, budget projects, results publication',
    hidden: true,
    contract: {
      params: ConsultationParams,
      query: z.object({ avis: z.enum(CONSULTATION_NOTICES).optional() }),
      responses: PAGE_RESPONSES,
      errors: PAGE_ERRORS,
    },
  }),
  submitBackOfficeConsultationForm: defineRoute({
    id: 'submitBackOfficeConsultationForm',
    method: 'POST',
    path: '/agents/consultations/{consultationId}',
    handler: page('submit-back-office-consultation-form'),
    access: 'public',
    table: 'write',
    publishesEvents: true,
    tag,
    summary: "A consultation's acts: edit it, move its phase with a reason, add or remove a budget project",
    hidden: true,
    ...form,
    contract: { params: ConsultationParams, body: PageFormBody, responses: PAGE_RESPONSES, errors: PAGE_ERRORS },
  }),
};
