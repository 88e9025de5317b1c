/**
 * The report pages of the portal: report a problem (category, then the form; nearby open reports
 * of the same category offered before filing), the confirmation, a report's public page with its
 * "moi aussi", a commune's reports (map and list, filtered), and a citizen's own reports. Declared
 * like every page (page-route.ts) and spread into portal-routes.ts.
 */
import * as z from 'zod';
import { Cursor, Ulid } from '../kernel/schemas';
import { Insee } from '../territory/territory-schemas';
import { defineRoute } from '../wiring/define';
import { PAGE_ERRORS, PAGE_RESPONSES, PAGE_TAG as tag, PageFormBody, pageHandlerPath as page } from './page-route';

const ReportPageParams = z.object({ reportId: Ulid('a report id') });
/** A filter a GET form sends: an empty choice ("all") is no filter. */
const Choice = z
  .string()
  .max(40)
  .optional()
  .transform((value) => value || undefined);

export const reportPageRoutes = {
  getReportProblemPage: defineRoute({
    id: 'getReportProblemPage',
    method: 'GET',
    path: '/signaler',
    handler: page('get-report-problem-page'),
    access: 'public',
    table: 'read',
    tag,
    summary: 'Report a problem: first the category, then (?categorie=) its questions, the place, a description, photos',
    hidden: true,
    contract: {
      query: z.object({ categorie: z.string().max(40).optional() }),
      responses: PAGE_RESPONSES,
      errors: PAGE_ERRORS,
    },
  }),
  submitReportProblem: defineRoute({
    id: 'submitReportProblem',
    method: 'POST',
    path: '/signaler',
    handler: page('submit-report-problem'),
    access: 'public',
    table: 'write',
    publishesEvents: true,
    objectStore: 'write',
    tag,
    summary:
      'The report form sent: shown again with its errors; else the nearby open reports of its category, once; else filed → confirmation',
    hidden: true,
    bodyFormat: 'form',
    maxBodyBytes: 64 * 1024,
    contract: { body: PageFormBody, responses: PAGE_RESPONSES, errors: PAGE_ERRORS },
  }),
  getReportConfirmationPage: defineRoute({
    id: 'getReportConfirmationPage',
    method: 'GET',
    path: '/signaler/merci/{reportId}',
    handler: page('get-report-confirmation-page'),
    access: 'public',
    table: 'read',
    // The report is read as its public page is (photo links signed).
    objectStore: 'read',
    tag,
    summary: 'A report filed: its reference and a link to its page',
    hidden: true,
    contract: { params: ReportPageParams, responses: PAGE_RESPONSES, errors: PAGE_ERRORS },
  }),
  getReportPage: defineRoute({
    id: 'getReportPage',
    method: 'GET',
    path: '/signalements/{reportId}',
    handler: page('get-report-page'),
    access: 'public',
    table: 'read',
    objectStore: 'read',
    tag,
    summary: "A report's public page: status, public history, overdue flag, support, a small map",
    hidden: true,
    contract: {
      params: ReportPageParams,
      query: z.object({ soutien: z.enum(['merci', 'deja', 'ferme']).optional() }),
      responses: PAGE_RESPONSES,
      errors: PAGE_ERRORS,
    },
  }),
  submitReportSupport: defineRoute({
    id: 'submitReportSupport',
    method: 'POST',
    path: '/signalements/{reportId}/soutien',
    handler: page('submit-report-support'),
    access: 'public',
    table: 'write',
    publishesEvents: true,
    tag,
    summary: '"Moi aussi": a signed-in citizen supports an open report, then back to its page',
    hidden: true,
    bodyFormat: 'form',
    maxBodyBytes: 4096,
    contract: { params: ReportPageParams, body: PageFormBody, responses: PAGE_RESPONSES, errors: PAGE_ERRORS },
  }),
  getCommuneReportsPage: defineRoute({
    id: 'getCommuneReportsPage',
    method: 'GET',
    path: '/communes/{insee}/signalements',
    handler: page('get-commune-reports-page'),
    access: 'public',
    table: 'read',
    tag,
    summary: "A commune's reports, map and list, filtered by status and category, newest first, by pages",
    hidden: true,
    contract: {
      params: z.object({ insee: Insee }),
      query: z.object({ statut: Choice, categorie: Choice, apres: Cursor }),
      responses: PAGE_RESPONSES,
      errors: PAGE_ERRORS,
    },
  }),
  getMyReportsPage: defineRoute({
    id: 'getMyReportsPage',
    method: 'GET',
    path: '/mes-signalements',
    handler: page('get-my-reports-page'),
    access: 'public',
    table: 'read',
    tag,
    summary: 'A signed-in citizen’s reports: those they filed and those they support, newest first',
    hidden: true,
    contract: { query: z.object({ apres: Cursor }), responses: PAGE_RESPONSES, errors: PAGE_ERRORS },
  }),
} as const;
