// GET /signaler
import { pageHandler } from '../../shared/portal/page-http';
import { reportFormPage } from '../../shared/portal/pages/report-form-page';
import { reportPageRoutes } from '../../shared/portal/report-page-routes';
import { loadReportForm } from '../../shared/portal/reports-pages-app';

export const handler = pageHandler(reportPageRoutes.getReportProblemPage, async ({ query }, page) =>
  page.render(reportFormPage(page.t, await loadReportForm(query.categorie))),
);
