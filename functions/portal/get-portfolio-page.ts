// GET /portefeuille
import { pageHandler } from '../../shared/portal/page-http';
import { portfolioListPage } from '../../shared/portal/pages/portfolio-list-page';
import { loadPortfolioList } from '../../shared/portal/portfolio-pages-app';
import { portfolioPageRoutes } from '../../shared/portal/portfolio-pages-routes';

export const handler = pageHandler(portfolioPageRoutes.getPortfolioPage, async ({ query }, page) => {
  const filter = {
    ...(query.domaine ? { domain: query.domaine } : {}),
    ...(query.commune ? { commune: query.commune } : {}),
    ...(query.phase ? { phase: query.phase } : {}),
    ...(query.statut ? { status: query.statut } : {}),
  };
  return page.render(portfolioListPage(page.t, await loadPortfolioList(filter, query.suite)));
});
