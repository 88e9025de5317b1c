// GET /territories/{siren}/reports?commune=..[&status=..&category=..]|bbox=..
import { httpHandler, ok } from '../../shared/runtime/http';
import { reports } from '../../shared/reports/reports-app';
import { reportRoutes } from '../../shared/reports/report-routes';
import { publicView } from '../../shared/reports/report-views';

export const handler = httpHandler(reportRoutes.listPublicReports, async ({ params, query }) => {
  const { status, category, ...place } = query;
  const { items, cursor } = await reports.listPublic(params.siren, {
    ...place,
    ...(status ? { statuses: [status] } : {}),
    ...(category ? { categories: [category] } : {}),
  });
  return ok({ items: items.map(publicView), cursor });
});
