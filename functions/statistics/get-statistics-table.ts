// GET /territories/{siren}/statistics/{table}
import { httpHandler } from '../../shared/runtime/http';
import { statistics } from '../../shared/statistics/statistics-app';
import { statisticsRoutes } from '../../shared/statistics/statistics-routes';
import { csvOf, tableOf } from '../../shared/statistics/statistics-use-cases';

export const handler = httpHandler(statisticsRoutes.getStatisticsTable, async ({ params, query, principal }) => {
  const dashboard = await statistics.dashboard(principal, params.siren, query);
  return {
    status: 200 as const,
    text: csvOf(tableOf(dashboard, params.table)),
    contentType: 'text/csv; charset=utf-8',
    headers: {
      'Content-Disposition': `attachment; filename="${params.table}-${dashboard.commune ?? params.siren}-${dashboard.from}-${dashboard.to}.csv"`,
    },
  };
});
