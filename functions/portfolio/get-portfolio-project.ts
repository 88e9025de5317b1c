// GET /territories/{siren}/portfolio/projects/{projectId}
import { portfolio } from '../../shared/portfolio/portfolio-app';
import { portfolioRoutes } from '../../shared/portfolio/portfolio-routes';
import { kpiView, milestoneView, projectView } from '../../shared/portfolio/portfolio-schemas';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(portfolioRoutes.getPortfolioProject, async ({ params }) => {
  const { project, children, milestones, kpis } = await portfolio.projectDetail(params.siren, params.projectId);
  return ok({
    ...projectView(project),
    children: children.map((c) => ({
      id: c.id,
      title: c.title,
      progress: c.progress,
      ...(c.weight !== undefined ? { weight: c.weight } : {}),
    })),
    milestones: milestones.map(milestoneView),
    kpis: kpis.map(({ kpi, trend }) => ({
      ...kpiView(kpi),
      trend: trend.map((p) => ({ date: p.date, value: p.value })),
    })),
  });
});
