// POST /territories/{siren}/portfolio/projects/{projectId}/kpis
import { portfolio } from '../../shared/portfolio/portfolio-app';
import { portfolioRoutes } from '../../shared/portfolio/portfolio-routes';
import { kpiView } from '../../shared/portfolio/portfolio-schemas';
import { created, httpHandler } from '../../shared/runtime/http';

export const handler = httpHandler(portfolioRoutes.createKpi, async ({ params, body, principal }) => {
  const kpi = await portfolio.saveKpi(principal, params.siren, params.projectId, undefined, body);
  return created(kpiView(kpi), `/territories/${params.siren}/portfolio/projects/${params.projectId}/kpis/${kpi.id}`);
});
