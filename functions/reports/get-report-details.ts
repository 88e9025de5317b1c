// GET /territories/{siren}/reports/{reportId}/details
import { httpHandler, ok } from '../../shared/runtime/http';
import { reports } from '../../shared/reports/reports-app';
import { reportRoutes } from '../../shared/reports/report-routes';
import { agentView, etagOf } from '../../shared/reports/report-views';

export const handler = httpHandler(reportRoutes.getReportDetails, async ({ params, principal }) => {
  const { report, history } = await reports.getDetails(principal, params.siren, params.reportId);
  return { ...ok({ ...agentView(report), history }), headers: { ETag: etagOf(report) } };
});
