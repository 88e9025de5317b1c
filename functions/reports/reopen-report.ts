// POST /territories/{siren}/reports/{reportId}/reopen
import { httpHandler, ok } from '../../shared/runtime/http';
import { count } from '../../shared/runtime/metrics';
import { reports } from '../../shared/reports/reports-app';
import { versionRead } from '../../shared/reports/report-http';
import { reportRoutes } from '../../shared/reports/report-routes';
import { publicView } from '../../shared/reports/report-views';

export const handler = httpHandler(reportRoutes.reopenReport, async ({ params, body, principal, headers }) => {
  const version = versionRead(headers, body.version);
  const report = await reports.reopen(principal, params.siren, params.reportId, { ...body, version });
  count('ReportTransitions');
  return ok(publicView(report));
});
