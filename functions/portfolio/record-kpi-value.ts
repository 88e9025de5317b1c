// PUT /territories/{siren}/portfolio/projects/{projectId}/kpis/{kpiId}/values
import { portfolio } from '../../shared/portfolio/portfolio-app';
import { portfolioRoutes } from '../../shared/portfolio/portfolio-routes';
import { kpiPointView } from '../../shared/portfolio/portfolio-schemas';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(portfolioRoutes.recordKpiValue, async ({ params, body, principal }) =>
  ok(kpiPointView(await portfolio.recordValue(principal, params.siren, params.projectId, params.kpiId, body))),
);
