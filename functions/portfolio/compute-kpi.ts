// POST /territories/{siren}/portfolio/projects/{projectId}/kpis/{kpiId}/compute
import { livePortfolio } from '../../shared/portfolio/live-kpis-app';
import { portfolioRoutes } from '../../shared/portfolio/portfolio-routes';
import { kpiPointView } from '../../shared/portfolio/portfolio-schemas';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(portfolioRoutes.computeKpi, async ({ params, principal }) => {
  const point = await livePortfolio.computeKpi(principal, params.siren, params.projectId, params.kpiId);
  return ok({ point: point ? kpiPointView(point) : null });
});
