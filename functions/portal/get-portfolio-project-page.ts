// GET /portefeuille/projets/{projectId}
import { pageHandler } from '../../shared/portal/page-http';
import { portfolioProjectPage } from '../../shared/portal/pages/portfolio-project-page';
import { loadProjectPage } from '../../shared/portal/portfolio-pages-app';
import { portfolioPageRoutes } from '../../shared/portal/portfolio-pages-routes';

export const handler = pageHandler(portfolioPageRoutes.getPortfolioProjectPage, async ({ params, query }, page) =>
  page.render(portfolioProjectPage(page.t, await loadProjectPage(params.projectId, page.principal), query.avis)),
);
