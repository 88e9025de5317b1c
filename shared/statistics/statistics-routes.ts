/**
 * The statistics context's routes: the dashboards' tables as CSV, for the territory's agents and
 * admins (a commune agent gets their commune's figures only). The portal's dashboard page offers
 * the same rows behind its session (back-office-dashboards-pages-routes.ts).
 */
import * as z from 'zod';
import { Insee, Siren, Slug } from '../territory/territory';
import { defineRoute } from '../wiring/define';
import { isMonth } from './statistics';
import { TABLES } from './statistics-use-cases';

const tag = 'Statistics';
const Month = z.string().refine(isMonth, 'a month written YYYY-MM');

export const StatisticsTableParams = z.object({ siren: Siren, table: z.enum(TABLES) });
export const StatisticsQuery = z.object({
  from: Month.optional().meta({ description: 'First month (YYYY-MM, Europe/Paris); default 11 months before `to`' }),
  to: Month.optional().meta({ description: 'Last month (YYYY-MM); default this month. 24 months at most' }),
  commune: Insee.optional().meta({ description: "A commune's figures only (a commune agent's are always theirs)" }),
  category: Slug.optional(),
});

export const statisticsRoutes = {
  getStatisticsTable: defineRoute({
    id: 'getStatisticsTable',
    method: 'GET',
    path: '/territories/{siren}/statistics/{table}',
    handler: 'functions/statistics/get-statistics-table.ts',
    access: 'agent',
    table: 'read',
    tag,
    summary:
      'A dashboard table as CSV, from the counters the statistics consumer keeps: SLA per month, commune or category, sensor alerts per week, participation per consultation',
    contract: {
      params: StatisticsTableParams,
      query: StatisticsQuery,
      responses: {
        200: {
          description: 'The table, a header row then one row per month, commune, category, week or consultation',
          contentType: 'text/csv',
          headers: { 'Content-Disposition': { description: 'attachment; filename=…' } },
        },
      },
    },
  }),
} as const;
