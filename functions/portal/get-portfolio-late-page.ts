// GET /portefeuille/en-retard
import { pageHandler } from '../../shared/portal/page-http';
import { portfolioLatePage } from '../../shared/portal/pages/portfolio-list-page';
import { loadLate } from '../../shared/portal/portfolio-pages-app';
import { portalRoutes } from '../../shared/portal/portal-routes';

export const handler = pageHandler(portalRoutes.getPortfolioLatePage, async ({ query }, page) =>
  page.render(portfolioLatePage(page.t, await loadLate(query.suite))),
);
