// PUT /territories/{siren}/reports/{reportId}/category
import { httpHandler, ok } from '../../shared/runtime/http';
import { reports } from '../../shared/reports/reports-app';
import { versionRead } from '../../shared/reports/report-http';
import { reportRoutes } from '../../shared/reports/report-routes';
import { agentView, etagOf } from '../../shared/reports/report-views';

export const handler = httpHandler(reportRoutes.changeReportCategory, async ({ params, body, principal, headers }) => {
  const version = versionRead(headers, body.version);
  const report = await reports.changeCategory(principal, params.siren, params.reportId, { ...body, version });
  return { ...ok(agentView(report)), headers: { ETag: etagOf(report) } };
});
