// GET /territories/{siren}/portfolio/projects/{projectId}/kpis
import { portfolio } from '../../shared/portfolio/portfolio-app';
import { portfolioRoutes } from '../../shared/portfolio/portfolio-routes';
import { kpiView } from '../../shared/portfolio/portfolio-schemas';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(portfolioRoutes.listKpis, async ({ params }) =>
  ok({
    items: (await portfolio.kpisWithTrends(params.siren, params.projectId)).map(({ kpi, trend }) => ({
      ...kpiView(kpi),
      trend: trend.map((p) => ({ date: p.date, value: p.value })),
    })),
  }),
);
