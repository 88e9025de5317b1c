/**
 * The territory administration's pages (back office, territory admins): the competence table and
 * its per-commune exceptions, categories with their questions and SLA target, services, SLA
 * calendars, commune boundaries, the audit log. Page routes like the others (page-route.ts), spread
 * into portal-routes.ts; their handlers are `signedIn: 'agent'` and the app refuses anyone but the
 * territory's admin with the 403 page. Forms post to their own path and answer 303 (POST-redirect-GET),
 * or the form again with 400/422 and the refusal next to the field.
 */
import * as z from 'zod';
import { Cursor } from '../kernel/schemas';
import { Insee, Siren, Slug } from '../territory/territory';
import { backOfficePaths as paths } from './back-office-paths';
import {
  BODY_NOTICES,
  CATEGORY_NOTICES,
  COMMUNE_NOTICES,
  COMPETENCE_NOTICES,
  NEW_CATEGORY,
} from './back-office-territory-forms';
import { definePageRoute, PageFormBody } from './page-route';

const form = { bodyFormat: 'form', maxBodyBytes: 64 * 1024 } as const;
const CodeParams = z.object({ code: Slug });
/** A body: the metropolis (its SIREN) or a commune (its INSEE code). */
const BodyId = z.union([Siren, Insee]);
/** A filter typed in the page's form: checked by the page itself, so a wrong one is said next to its field. */
const typed = z.string().max(200).optional();

export const backOfficeTerritoryPageRoutes = {
  getBackOfficeTerritoryCompetencesPage: definePageRoute({
    id: 'getBackOfficeTerritoryCompetencesPage',
    method: 'GET',
    path: paths.competences,
    table: 'read',
    summary: 'The competence table: each category with its default competence and its exceptions (admins)',
    contract: { query: z.object({}) },
  }),
  getBackOfficeTerritoryCompetencePage: definePageRoute({
    id: 'getBackOfficeTerritoryCompetencePage',
    method: 'GET',
    path: `${paths.competences}/{code}`,
    table: 'read',
    summary: "A category's competence commune by commune, and the form of one commune's exception (admins)",
    contract: {
      params: CodeParams,
      query: z.object({ commune: Insee.optional(), avis: z.enum(COMPETENCE_NOTICES).optional() }),
    },
  }),
  submitBackOfficeTerritoryCompetenceForm: definePageRoute({
    id: 'submitBackOfficeTerritoryCompetenceForm',
    method: 'POST',
    path: `${paths.competences}/{code}`,
    table: 'write',
    publishesEvents: true,
    summary: "Set or remove one commune's exception at the version read: 303, or the form again (stale: says so)",
    ...form,
    contract: { params: CodeParams, body: PageFormBody },
  }),
  getBackOfficeTerritoryAuditPage: definePageRoute({
    id: 'getBackOfficeTerritoryAuditPage',
    method: 'GET',
    path: paths.auditLog,
    table: 'read',
    summary: 'The audit log, newest first, by type of action, days and actor, by pages (admins)',
    contract: { query: z.object({ type: typed, du: typed, au: typed, acteur: typed, suite: Cursor }) },
  }),
  getBackOfficeTerritoryCategoriesPage: definePageRoute({
    id: 'getBackOfficeTerritoryCategoriesPage',
    method: 'GET',
    path: paths.categories,
    table: 'read',
    summary: 'Report categories with their SLA target, questions, state and default competence (admins)',
    contract: { query: z.object({ avis: z.enum(CATEGORY_NOTICES).optional(), code: Slug.optional() }) },
  }),
  getBackOfficeTerritoryNewCategoryPage: definePageRoute({
    id: 'getBackOfficeTerritoryNewCategoryPage',
    method: 'GET',
    path: `${paths.categories}/${NEW_CATEGORY}`,
    table: 'read',
    summary: 'The form creating a category (admins)',
    contract: { query: z.object({}) },
  }),
  submitBackOfficeTerritoryNewCategoryForm: definePageRoute({
    id: 'submitBackOfficeTerritoryNewCategoryForm',
    method: 'POST',
    path: `${paths.categories}/${NEW_CATEGORY}`,
    table: 'write',
    publishesEvents: true,
    summary: 'Create a category: 303 to the list, or the form again with its errors (a code taken: says so)',
    ...form,
    contract: { body: PageFormBody },
  }),
  getBackOfficeTerritoryCategoryPage: definePageRoute({
    id: 'getBackOfficeTerritoryCategoryPage',
    method: 'GET',
    path: `${paths.categories}/{code}`,
    table: 'read',
    summary: 'The form changing a category: name, questions, SLA target, state, default competence (admins)',
    contract: { params: CodeParams },
  }),
  submitBackOfficeTerritoryCategoryForm: definePageRoute({
    id: 'submitBackOfficeTerritoryCategoryForm',
    method: 'POST',
    path: `${paths.categories}/{code}`,
    table: 'write',
    publishesEvents: true,
    summary: 'Change a category at the version read: 303 to the list, or the form again (stale: says so)',
    ...form,
    contract: { params: CodeParams, body: PageFormBody },
  }),
  getBackOfficeTerritoryServicesPage: definePageRoute({
    id: 'getBackOfficeTerritoryServicesPage',
    method: 'GET',
    path: paths.services,
    table: 'read',
    summary: "A body's services, and the form creating or changing one (admins)",
    contract: {
      query: z.object({
        organisme: BodyId.optional(),
        service: Slug.optional(),
        avis: z.enum(BODY_NOTICES).optional(),
      }),
    },
  }),
  submitBackOfficeTerritoryServiceForm: definePageRoute({
    id: 'submitBackOfficeTerritoryServiceForm',
    method: 'POST',
    path: paths.services,
    table: 'write',
    publishesEvents: true,
    summary: 'Save or delete a service at the version read: 303, or the form again (stale: says so)',
    ...form,
    contract: { body: PageFormBody },
  }),
  getBackOfficeTerritoryCalendarPage: definePageRoute({
    id: 'getBackOfficeTerritoryCalendarPage',
    method: 'GET',
    path: paths.calendars,
    table: 'read',
    summary: "A body's SLA calendar (hours, holidays, closures) and who is told of overdue reports (admins)",
    contract: { query: z.object({ organisme: BodyId.optional(), avis: z.enum(BODY_NOTICES).optional() }) },
  }),
  submitBackOfficeTerritoryCalendarForm: definePageRoute({
    id: 'submitBackOfficeTerritoryCalendarForm',
    method: 'POST',
    path: paths.calendars,
    table: 'write',
    publishesEvents: true,
    summary: "Save a body's SLA calendar at the version read: 303, or the form again (stale: says so)",
    ...form,
    contract: { body: PageFormBody },
  }),
  getBackOfficeTerritoryCommunesPage: definePageRoute({
    id: 'getBackOfficeTerritoryCommunesPage',
    method: 'GET',
    path: paths.communes,
    table: 'read',
    summary: "The communes with their boundary, and one commune's boundary upload form (admins)",
    contract: { query: z.object({ commune: Insee.optional(), avis: z.enum(COMMUNE_NOTICES).optional() }) },
  }),
  submitBackOfficeTerritoryBoundaryForm: definePageRoute({
    id: 'submitBackOfficeTerritoryBoundaryForm',
    method: 'POST',
    path: paths.communes,
    table: 'write',
    publishesEvents: true,
    summary: "Set a commune's boundary from an uploaded GeoJSON file (multipart): 303, or the form again",
    // A file input without JavaScript: multipart/form-data, the file read as text (a boundary is ≤ 350 000 characters).
    bodyFormat: 'multipart',
    maxBodyBytes: 1024 * 1024,
    contract: { body: PageFormBody },
  }),
} as const;
