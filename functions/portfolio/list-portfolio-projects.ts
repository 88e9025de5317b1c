// GET /territories/{siren}/portfolio/projects
import { portfolio } from '../../shared/portfolio/portfolio-app';
import { portfolioRoutes } from '../../shared/portfolio/portfolio-routes';
import { summaryView } from '../../shared/portfolio/portfolio-schemas';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(portfolioRoutes.listPortfolioProjects, async ({ params, query }) => {
  const { limit, cursor, ...filter } = query;
  const page = await portfolio.listProjects(params.siren, filter, { limit, cursor });
  return ok({ items: page.items.map(summaryView), ...(page.cursor ? { cursor: page.cursor } : {}) });
});
