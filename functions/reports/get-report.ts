// GET /territories/{siren}/reports/{reportId}
import { httpHandler, ok } from '../../shared/runtime/http';
import { reports } from '../../shared/reports/reports-app';
import { reportRoutes } from '../../shared/reports/report-routes';
import { publicHistory, publicView } from '../../shared/reports/report-views';

export const handler = httpHandler(reportRoutes.getReport, async ({ params }) => {
  const { report, history, photoUrls } = await reports.getPublic(params.siren, params.reportId);
  return ok({ ...publicView(report), photos: photoUrls, history: publicHistory(history) });
});
