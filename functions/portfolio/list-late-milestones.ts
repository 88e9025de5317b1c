// GET /territories/{siren}/portfolio/late
import { portfolio } from '../../shared/portfolio/portfolio-app';
import { portfolioRoutes } from '../../shared/portfolio/portfolio-routes';
import { milestoneView, summaryView } from '../../shared/portfolio/portfolio-schemas';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(portfolioRoutes.listLateMilestones, async ({ params, query }) => {
  const page = await portfolio.listLate(params.siren, query);
  return ok({
    items: page.items.map(({ milestone, project }) => ({
      milestone: milestoneView(milestone),
      project: project ? summaryView(project) : null,
    })),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
});
