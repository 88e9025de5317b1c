/**
 * The back office's participation pages: the moderation queue of a consultation (flagged
 * proposals and comments, hide with a public reason, restore), the consultations (list, creation,
 * one consultation with its phase move, its budget's projects and the publication of its results).
 * Page routes (page-route.ts), `signedIn: 'agent'` in their handlers; forms post to the page they
 * sit on and answer 303 back to it (POST-redirect-GET), or the page again with 400/422.
 */
import * as z from 'zod';
import { Cursor, Ulid } from '../kernel/schemas';
import { definePageRoute, PageFormBody } from './page-route';

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
  getBackOfficeModerationPage: definePageRoute({
    id: 'getBackOfficeModerationPage',
    method: 'GET',
    path: '/agents/moderation',
    table: 'read',
    summary: 'The moderation queue of a consultation: flagged (or hidden) proposals and comments, with their flags',
    contract: {
      query: z.object({
        consultation: z.preprocess((v) => (v === '' ? undefined : v), Ulid('a consultation id').optional()),
        liste: z.enum(['signales', 'masques']).default('signales'),
        suite: Cursor,
        avis: z.enum(MODERATION_NOTICES).optional(),
      }),
    },
  }),
  submitBackOfficeModerationForm: definePageRoute({
    id: 'submitBackOfficeModerationForm',
    method: 'POST',
    path: '/agents/moderation',
    table: 'write',
    publishesEvents: true,
    summary: 'Hides a flagged content with a public reason, or restores a hidden one (audited)',
    ...form,
    contract: { body: PageFormBody },
  }),
  getBackOfficeConsultationsPage: definePageRoute({
    id: 'getBackOfficeConsultationsPage',
    method: 'GET',
    path: '/agents/consultations',
    table: 'read',
    summary: "The territory's consultations, for agents, by pages",
    contract: { query: z.object({ suite: Cursor }) },
  }),
  getBackOfficeNewConsultationPage: definePageRoute({
    id: 'getBackOfficeNewConsultationPage',
    method: 'GET',
    path: '/agents/consultations/nouvelle',
    table: 'read',
    summary: 'The form of a new consultation: scope, area, dated phases, eligibility, budget',
    contract: { query: z.object({}) },
  }),
  submitBackOfficeNewConsultationForm: definePageRoute({
    id: 'submitBackOfficeNewConsultationForm',
    method: 'POST',
    path: '/agents/consultations/nouvelle',
    table: 'write',
    publishesEvents: true,
    summary: 'Creates a consultation from its form',
    ...form,
    contract: { body: PageFormBody },
  }),
  getBackOfficeConsultationPage: definePageRoute({
    id: 'getBackOfficeConsultationPage',
    method: 'GET',
    path: '/agents/consultations/{consultationId}',
    table: 'read',
    summary: 'A consultation for its agents: phase move, budget projects, results publication',
    contract: { params: ConsultationParams, query: z.object({ avis: z.enum(CONSULTATION_NOTICES).optional() }) },
  }),
  submitBackOfficeConsultationForm: definePageRoute({
    id: 'submitBackOfficeConsultationForm',
    method: 'POST',
    path: '/agents/consultations/{consultationId}',
    table: 'write',
    publishesEvents: true,
    summary: "A consultation's acts: edit it, move its phase with a reason, add or remove a budget project",
    ...form,
    contract: { params: ConsultationParams, body: PageFormBody },
  }),
};
