// GET /agents
import { pageHandler } from '../../shared/portal/page-http';
import { backOfficeHomePage } from '../../shared/portal/pages/back-office-home-page';
import { portalRoutes } from '../../shared/portal/portal-routes';

export const handler = pageHandler(
  portalRoutes.getBackOfficeHomePage,
  async (_request, page) => page.render(backOfficeHomePage(page.t, page.principal!)),
  { signedIn: 'agent' },
);
