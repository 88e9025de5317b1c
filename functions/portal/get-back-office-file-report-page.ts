// GET /agents/signalements/nouveau
import { pageHandler } from '../../shared/portal/page-http';
import { backOfficeFilePage } from '../../shared/portal/pages/back-office-reports-file-page';
import { backOfficeReportsPageRoutes } from '../../shared/portal/back-office-reports-pages-routes';
import { loadReportForm } from '../../shared/portal/reports-pages-app';

export const handler = pageHandler(
  backOfficeReportsPageRoutes.getBackOfficeFileReportPage,
  async ({ query }, page) => page.render(backOfficeFilePage(page.t, await loadReportForm(query.categorie))),
  { signedIn: 'agent' },
);
