// GET /agents/tableaux-de-bord
import { loadDashboards } from '../../shared/portal/back-office-dashboards-app';
import { hasErrors } from '../../shared/portal/form-errors';
import { pageHandler } from '../../shared/portal/page-http';
import { backOfficeDashboardsPage } from '../../shared/portal/pages/back-office-dashboards-page';
import { backOfficeDashboardsPageRoutes } from '../../shared/portal/back-office-dashboards-pages-routes';

export const handler = pageHandler(
  backOfficeDashboardsPageRoutes.getBackOfficeDashboardsPage,
  async ({ query }, page) => {
    const view = await loadDashboards(page.t, page.principal!, query);
    // A period typed wrong: the page with the message next to its field (400), the default period's figures.
    return page.render(backOfficeDashboardsPage(page.t, view), hasErrors(view.errors) ? 400 : 200);
  },
  { signedIn: 'agent' },
);
