// GET /mes-signalements
import { pageHandler } from '../../shared/portal/page-http';
import { myReportsPage } from '../../shared/portal/pages/report-list-pages';
import { reportPageRoutes } from '../../shared/portal/report-page-routes';
import { loadMyReports } from '../../shared/portal/reports-pages-app';

export const handler = pageHandler(
  reportPageRoutes.getMyReportsPage,
  async ({ query }, page) => page.render(myReportsPage(page.t, await loadMyReports(page.principal!, query.apres))),
  { signedIn: 'citizen' },
);
