// GET /communes/{insee}/signalements
import { pageHandler } from '../../shared/portal/page-http';
import { communeReportsPage } from '../../shared/portal/pages/report-list-pages';
import { reportPageRoutes } from '../../shared/portal/report-page-routes';
import { loadCommuneReports } from '../../shared/portal/reports-pages-app';

export const handler = pageHandler(reportPageRoutes.getCommuneReportsPage, async ({ params, query }, page) =>
  page.render(communeReportsPage(page.t, await loadCommuneReports(params.insee, query))),
);
