// GET /
import { loadHomeView } from '../../shared/portal/home-app';
import { pageHandler } from '../../shared/portal/page-http';
import { homePage } from '../../shared/portal/pages/home-page';
import { shellPageRoutes } from '../../shared/portal/shell-pages-routes';

export const handler = pageHandler(shellPageRoutes.getHomePage, async ({ query }, page) =>
  page.render(homePage(page.t, await loadHomeView(query.commune))),
);
