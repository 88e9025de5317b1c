// GET /territories/{siren}/portfolio/projects/{projectId}/kpis/{kpiId}/history
import { portfolio } from '../../shared/portfolio/portfolio-app';
import { portfolioRoutes } from '../../shared/portfolio/portfolio-routes';
import { kpiPointView } from '../../shared/portfolio/portfolio-schemas';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(portfolioRoutes.getKpiHistory, async ({ params, query }) => {
  const page = await portfolio.history(params.siren, params.projectId, params.kpiId, {
    limit: query.limit,
    cursor: query.cursor,
    descending: query.order === 'descending',
  });
  return ok({ items: page.items.map(kpiPointView), ...(page.cursor ? { cursor: page.cursor } : {}) });
});
