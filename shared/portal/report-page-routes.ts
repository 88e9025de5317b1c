/**
 * The report pages of the portal: report a problem (category, then the form; nearby open reports
 * of the same category offered before filing), the confirmation, a report's public page with its
 * "moi aussi", a commune's reports (map and list, filtered), and a citizen's own reports. Declared
 * like every page (page-route.ts) and spread into portal-routes.ts.
 */
import * as z from 'zod';
import { Cursor, Ulid } from '../kernel/schemas';
import { Insee } from '../territory/territory';
import { definePageRoute, PageFormBody } from './page-route';

const ReportPageParams = z.object({ reportId: Ulid('a report id') });
/** A filter a GET form sends: an empty choice ("all") is no filter. */
const Choice = z
  .string()
  .max(40)
  .optional()
  .transform((value) => value || undefined);

export const reportPageRoutes = {
  getReportProblemPage: definePageRoute({
    id: 'getReportProblemPage',
    method: 'GET',
    path: '/signaler',
    table: 'read',
    summary: 'Report a problem: first the category, then (?categorie=) its questions, the place, a description, photos',
    contract: { query: z.object({ categorie: z.string().max(40).optional() }) },
  }),
  submitReportProblem: definePageRoute({
    id: 'submitReportProblem',
    method: 'POST',
    path: '/signaler',
    table: 'write',
    publishesEvents: true,
    objectStore: 'write',
    summary:
      'The report form sent: shown again with its errors; else the nearby open reports of its category, once; else filed → confirmation',
    bodyFormat: 'form',
    maxBodyBytes: 64 * 1024,
    contract: { body: PageFormBody },
  }),
  getReportConfirmationPage: definePageRoute({
    id: 'getReportConfirmationPage',
    method: 'GET',
    path: '/signaler/merci/{reportId}',
    table: 'read',
    // The report is read as its public page is (photo links signed).
    objectStore: 'read',
    summary: 'A report filed: its reference and a link to its page',
    contract: { params: ReportPageParams },
  }),
  getReportPage: definePageRoute({
    id: 'getReportPage',
    method: 'GET',
    path: '/signalements/{reportId}',
    table: 'read',
    objectStore: 'read',
    summary: "A report's public page: status, public history, overdue flag, support, a small map",
    contract: { params: ReportPageParams, query: z.object({ soutien: z.enum(['merci', 'deja', 'ferme']).optional() }) },
  }),
  submitReportSupport: definePageRoute({
    id: 'submitReportSupport',
    method: 'POST',
    path: '/signalements/{reportId}/soutien',
    table: 'write',
    publishesEvents: true,
    summary: '"Moi aussi": a signed-in citizen supports an open report, then back to its page',
    bodyFormat: 'form',
    maxBodyBytes: 4096,
    contract: { params: ReportPageParams, body: PageFormBody },
  }),
  getCommuneReportsPage: definePageRoute({
    id: 'getCommuneReportsPage',
    method: 'GET',
    path: '/communes/{insee}/signalements',
    table: 'read',
    summary: "A commune's reports, map and list, filtered by status and category, newest first, by pages",
    contract: {
      params: z.object({ insee: Insee }),
      query: z.object({ statut: Choice, categorie: Choice, apres: Cursor }),
    },
  }),
  getMyReportsPage: definePageRoute({
    id: 'getMyReportsPage',
    method: 'GET',
    path: '/mes-signalements',
    table: 'read',
    summary: 'A signed-in citizen’s reports: those they filed and those they support, newest first',
    contract: { query: z.object({ apres: Cursor }) },
  }),
} as const;
