// GET /territories/{siren}/bodies/{bodyId}/reports?status=..&category=..&commune=..&overdue=..&from=..&to=..
import { httpHandler, ok } from '../../shared/runtime/http';
import { reports } from '../../shared/reports/reports-app';
import { reportRoutes } from '../../shared/reports/report-routes';
import { agentView } from '../../shared/reports/report-views';

export const handler = httpHandler(reportRoutes.listBodyReports, async ({ params, query, principal }) => {
  const { items, cursor } = await reports.listForBody(principal, params.siren, params.bodyId, query);
  return ok({ items: items.map(agentView), cursor });
});
