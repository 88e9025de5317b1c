// PUT /territories/{siren}/portfolio/projects/{projectId}/kpis/{kpiId}
import { portfolio } from '../../shared/portfolio/portfolio-app';
import { portfolioRoutes } from '../../shared/portfolio/portfolio-routes';
import { kpiView } from '../../shared/portfolio/portfolio-schemas';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(portfolioRoutes.updateKpi, async ({ params, body, principal }) =>
  ok(kpiView(await portfolio.saveKpi(principal, params.siren, params.projectId, params.kpiId, body))),
);
