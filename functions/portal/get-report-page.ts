// GET /signalements/{reportId}
import { pageHandler } from '../../shared/portal/page-http';
import { reportPage } from '../../shared/portal/pages/report-page';
import { portalRoutes } from '../../shared/portal/portal-routes';
import { loadReportPage } from '../../shared/portal/reports-pages-app';

export const handler = pageHandler(portalRoutes.getReportPage, async ({ params, query }, page) =>
  page.render(reportPage(page.t, await loadReportPage(params.reportId, page.principal), query.soutien)),
);
