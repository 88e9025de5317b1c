// POST /territories/{siren}/reports/{reportId}/supports
import { created, httpHandler } from '../../shared/runtime/http';
import { reports } from '../../shared/reports/reports-app';
import { reportRoutes } from '../../shared/reports/report-routes';

export const handler = httpHandler(reportRoutes.supportReport, async ({ params, principal }) => {
  const supportCount = await reports.support(principal, params.siren, params.reportId);
  return created(
    { reportId: params.reportId, supportCount },
    `/territories/${params.siren}/reports/${params.reportId}`,
  );
});
