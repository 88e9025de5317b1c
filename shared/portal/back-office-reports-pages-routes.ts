/**
 * The back office's reports pages: the inbox of a body (filters, order, cursor, counts per status),
 * a report with its acts (each a form POST carrying the version read → 303 back with a notice, or
 * the page again saying what refused it or that someone acted meanwhile), and filing a report for
 * a citizen. Declared like every page (page-route.ts) and spread into portal-routes.ts; handlers
 * are `signedIn: 'agent'`, the use cases check again (403 page in words).
 */
import * as z from 'zod';
import { Cursor, Ulid } from '../kernel/schemas';
import { REPORT_STATUSES } from '../reports/report';
import { Insee } from '../territory/territory';
import { definePageRoute, PageFormBody } from './page-route';

const ReportParams = z.object({ reportId: Ulid('a report id') });

/** What an act's 303 asks the report page to say (back-office-reports-app.ts names them per act). */
export const REPORT_ACT_NOTICES = [
  'pris-en-compte',
  'commence',
  'resolu',
  'rejete',
  'doublon',
  'categorie',
  'note',
] as const;

/** An optional filter whose empty value (the form's "all") means absent. */
const orAll = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const form = { bodyFormat: 'form', maxBodyBytes: 64 * 1024 } as const;

export const backOfficeReportsPageRoutes = {
  getBackOfficeInboxPage: definePageRoute({
    id: 'getBackOfficeInboxPage',
    method: 'GET',
    path: '/agents/signalements',
    table: 'read',
    summary:
      "An agent's inbox: their body's reports (an admin chooses the body) filtered by status, category, commune, overdue, dates; counts per status; by cursor",
    contract: {
      query: z.object({
        organisme: orAll(z.string().regex(/^(\d{9}|\d{5}|2[AB]\d{3})$/)),
        statut: orAll(z.enum(REPORT_STATUSES)),
        categorie: orAll(z.string().max(40)),
        commune: orAll(Insee),
        retard: orAll(z.literal('oui')),
        du: orAll(z.iso.date()),
        au: orAll(z.iso.date()),
        ordre: orAll(z.enum(['recents', 'anciens'])),
        suite: Cursor,
      }),
    },
  }),
  getBackOfficeFileReportPage: definePageRoute({
    id: 'getBackOfficeFileReportPage',
    method: 'GET',
    path: '/agents/signalements/nouveau',
    table: 'read',
    summary: "Filing a report for a citizen: the portal's report form plus the channel and the caller's contact",
    contract: { query: z.object({ categorie: z.string().max(40).optional() }) },
  }),
  submitBackOfficeFileReport: definePageRoute({
    id: 'submitBackOfficeFileReport',
    method: 'POST',
    path: '/agents/signalements/nouveau',
    table: 'write',
    publishesEvents: true,
    objectStore: 'write',
    summary:
      'A report filed for a citizen (channel, contact) → its back-office page; or the form again with its errors',
    ...form,
    contract: { body: PageFormBody },
  }),
  getBackOfficeReportPage: definePageRoute({
    id: 'getBackOfficeReportPage',
    method: 'GET',
    path: '/agents/signalements/{reportId}',
    table: 'read',
    objectStore: 'read',
    summary:
      'A report for its agents: photos, contact, public and internal history, nearby reports, and the acts the workflow allows',
    contract: {
      params: ReportParams,
      query: z.object({
        avis: z.enum(REPORT_ACT_NOTICES).optional(),
        saisi: z.literal('oui').optional(),
      }),
    },
  }),
  submitBackOfficeReportAct: definePageRoute({
    id: 'submitBackOfficeReportAct',
    method: 'POST',
    path: '/agents/signalements/{reportId}',
    table: 'write',
    publishesEvents: true,
    objectStore: 'read',
    summary:
      'An act on a report from the version read (acknowledge, start, resolve, reject, duplicate, category, note) → 303 back; stale → the new state',
    ...form,
    contract: { params: ReportParams, body: PageFormBody },
  }),
} as const;
