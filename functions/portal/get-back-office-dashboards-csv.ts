// GET /agents/tableaux-de-bord/{tableau}
import { loadDashboardsCsv } from '../../shared/portal/back-office-dashboards-app';
import { pageHandler } from '../../shared/portal/page-http';
import { backOfficeDashboardsPageRoutes } from '../../shared/portal/back-office-dashboards-pages-routes';

export const handler = pageHandler(
  backOfficeDashboardsPageRoutes.getBackOfficeDashboardsCsv,
  async ({ params, query }, page) => ({
    kind: 'download',
    contentType: 'text/csv; charset=utf-8',
    ...(await loadDashboardsCsv(page.principal!, params.tableau, query)),
  }),
  { signedIn: 'agent' },
);
