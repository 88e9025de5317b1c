// GET /agents
import { pageHandler } from '../../shared/portal/page-http';
import { backOfficeHomePage } from '../../shared/portal/pages/back-office-home-page';
import { backOfficePageRoutes } from '../../shared/portal/back-office-pages-routes';

export const handler = pageHandler(
  backOfficePageRoutes.getBackOfficeHomePage,
  async (_request, page) => page.render(backOfficeHomePage(page.t, page.principal!)),
  { signedIn: 'agent' },
);
