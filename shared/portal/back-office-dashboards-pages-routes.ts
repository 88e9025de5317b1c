/**
 * The dashboards' pages (direction, elected officials — who sign in as agents or admins of the
 * territory): the page with its charts and tables, and each table as CSV behind the same session.
 * The figures come from the statistics context's counters (shared/statistics), never from a read
 * of the reports.
 */
import * as z from 'zod';
import { isMonth } from '../statistics/statistics';
import { TABLES } from '../statistics/statistics-use-cases';
import { Insee, Slug } from '../territory/territory';
import { defineRoute } from '../wiring/define';
import { definePageRoute, PAGE_ERRORS, PAGE_RESPONSES, PAGE_TAG as tag, pageHandlerPath as page } from './page-route';

/** An optional filter whose empty value (the form's "all") means absent. */
const orAll = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const Month = z.string().refine(isMonth, 'un mois sous la forme AAAA-MM');

/** The page's query: a month typed wrong comes back next to its field (the page checks it), the CSV's is a 400. */
export const DashboardsPageQuery = z.object({
  du: orAll(z.string().max(20)),
  au: orAll(z.string().max(20)),
  commune: orAll(Insee),
  categorie: orAll(Slug),
});

export const DashboardsQuery = z.object({
  du: orAll(Month),
  au: orAll(Month),
  commune: orAll(Insee),
  categorie: orAll(Slug),
});

const CSV_RESPONSES = {
  200: {
    description: 'The table as CSV (an attachment)',
    contentType: 'text/csv',
    headers: {
      ...PAGE_RESPONSES[200].headers,
      'Content-Disposition': { description: 'attachment; filename=…' },
    },
  },
  303: PAGE_RESPONSES[303],
} as const;

export const backOfficeDashboardsPageRoutes = {
  getBackOfficeDashboardsPage: definePageRoute({
    id: 'getBackOfficeDashboardsPage',
    method: 'GET',
    path: '/agents/tableaux-de-bord',
    table: 'read',
    summary: 'Dashboards: SLA per month, commune and category, volumes, participation, sensor alerts per week',
    contract: { query: DashboardsPageQuery },
  }),
  getBackOfficeDashboardsCsv: defineRoute({
    id: 'getBackOfficeDashboardsCsv',
    method: 'GET',
    path: '/agents/tableaux-de-bord/{tableau}',
    handler: page('get-back-office-dashboards-csv'),
    access: 'public',
    table: 'read',
    tag,
    summary: "One of the dashboards' tables as CSV, the same rows as the page's table",
    hidden: true,
    contract: {
      params: z.object({ tableau: z.enum(TABLES) }),
      query: DashboardsQuery,
      responses: CSV_RESPONSES,
      errors: PAGE_ERRORS,
    },
  }),
};
