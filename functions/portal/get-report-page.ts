// GET /signalements/{reportId}
import { pageHandler } from '../../shared/portal/page-http';
import { reportPage } from '../../shared/portal/pages/report-page';
import { reportPageRoutes } from '../../shared/portal/report-page-routes';
import { loadReportPage } from '../../shared/portal/reports-pages-app';

export const handler = pageHandler(reportPageRoutes.getReportPage, async ({ params, query }, page) =>
  page.render(reportPage(page.t, await loadReportPage(params.reportId, page.principal), query.soutien)),
);
