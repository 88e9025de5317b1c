// GET /territories/{siren}/reports/nearby?category=..&lat=..&lon=..&radius=..
import { httpHandler, ok } from '../../shared/runtime/http';
import { reports } from '../../shared/reports/reports-app';
import { reportRoutes } from '../../shared/reports/report-routes';
import { publicView } from '../../shared/reports/report-views';

export const handler = httpHandler(reportRoutes.listNearbyReports, async ({ params, query }) => {
  const nearby = await reports.nearby(params.siren, query);
  return ok({ items: nearby.map((n) => ({ ...publicView(n.report), distanceMetres: n.distanceMetres })) });
});
