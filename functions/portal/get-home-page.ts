// GET /
import { loadHomeView } from '../../shared/portal/home-app';
import { pageHandler } from '../../shared/portal/page-http';
import { homePage } from '../../shared/portal/pages/home-page';
import { portalRoutes } from '../../shared/portal/portal-routes';

export const handler = pageHandler(portalRoutes.getHomePage, async ({ query }, page) =>
  page.render(homePage(page.t, await loadHomeView(query.commune))),
);
