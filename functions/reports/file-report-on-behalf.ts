// POST /territories/{siren}/reports/on-behalf
import { created, httpHandler } from '../../shared/runtime/http';
import { count } from '../../shared/runtime/metrics';
import { reports } from '../../shared/reports/reports-app';
import { reportRoutes } from '../../shared/reports/report-routes';
import { agentView } from '../../shared/reports/report-views';

export const handler = httpHandler(reportRoutes.fileReportOnBehalf, async ({ params, body, principal }) => {
  const report = await reports.fileReportOnBehalf(principal, params.siren, body);
  count('ReportsFiled');
  return created(agentView(report), `/territories/${params.siren}/reports/${report.id}`);
});
