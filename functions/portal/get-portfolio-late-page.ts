// GET /portefeuille/en-retard
import { pageHandler } from '../../shared/portal/page-http';
import { portfolioLatePage } from '../../shared/portal/pages/portfolio-list-page';
import { loadLate } from '../../shared/portal/portfolio-pages-app';
import { portfolioPageRoutes } from '../../shared/portal/portfolio-pages-routes';

export const handler = pageHandler(portfolioPageRoutes.getPortfolioLatePage, async ({ query }, page) =>
  page.render(portfolioLatePage(page.t, await loadLate(query.suite))),
);
