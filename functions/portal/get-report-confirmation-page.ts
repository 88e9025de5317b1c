// GET /signaler/merci/{reportId}
import { pageHandler } from '../../shared/portal/page-http';
import { reportConfirmationPage } from '../../shared/portal/pages/report-page';
import { reportPageRoutes } from '../../shared/portal/report-page-routes';
import { loadReportPage } from '../../shared/portal/reports-pages-app';

export const handler = pageHandler(reportPageRoutes.getReportConfirmationPage, async ({ params }, page) =>
  page.render(reportConfirmationPage(page.t, await loadReportPage(params.reportId, page.principal))),
);
