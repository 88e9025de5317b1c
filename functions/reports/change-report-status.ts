// POST /territories/{siren}/reports/{reportId}/transitions
import { httpHandler, ok } from '../../shared/runtime/http';
import { count } from '../../shared/runtime/metrics';
import { reports } from '../../shared/reports/reports-app';
import { versionRead } from '../../shared/reports/report-http';
import { reportRoutes } from '../../shared/reports/report-routes';
import { agentView, etagOf } from '../../shared/reports/report-views';

export const handler = httpHandler(reportRoutes.changeReportStatus, async ({ params, body, principal, headers }) => {
  const version = versionRead(headers, body.version);
  const report = await reports.changeStatus(principal, params.siren, params.reportId, { ...body, version });
  count('ReportTransitions');
  return { ...ok(agentView(report)), headers: { ETag: etagOf(report) } };
});
