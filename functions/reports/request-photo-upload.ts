// POST /territories/{siren}/photo-uploads
import { created, httpHandler } from '../../shared/runtime/http';
import { reports } from '../../shared/reports/reports-app';
import { reportRoutes } from '../../shared/reports/report-routes';

export const handler = httpHandler(reportRoutes.requestPhotoUpload, async ({ params, body }) => {
  const { url, ...upload } = await reports.requestPhotoUpload(params.siren, body);
  return created({ uploadUrl: url, ...upload }, url);
});
