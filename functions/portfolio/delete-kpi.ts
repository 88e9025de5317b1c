// DELETE /territories/{siren}/portfolio/projects/{projectId}/kpis/{kpiId}
import { portfolio } from '../../shared/portfolio/portfolio-app';
import { portfolioRoutes } from '../../shared/portfolio/portfolio-routes';
import { httpHandler, noContent } from '../../shared/runtime/http';

export const handler = httpHandler(portfolioRoutes.deleteKpi, async ({ params, principal }) => {
  await portfolio.deleteKpi(principal, params.siren, params.projectId, params.kpiId);
  return noContent();
});
