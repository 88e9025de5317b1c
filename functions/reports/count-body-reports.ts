// GET /territories/{siren}/bodies/{bodyId}/report-counts
import { httpHandler, ok } from '../../shared/runtime/http';
import { STATUS_COUNT_CAP } from '../../shared/reports/reading-use-cases';
import { reports } from '../../shared/reports/reports-app';
import { reportRoutes } from '../../shared/reports/report-routes';

export const handler = httpHandler(reportRoutes.countBodyReports, async ({ params, principal }) => {
  const counts = await reports.countForBody(principal, params.siren, params.bodyId);
  return ok({ bodyId: params.bodyId, cap: STATUS_COUNT_CAP, counts });
});
