// GET /territories/{siren}/portfolio/projects/{projectId}/milestones
import { portfolio } from '../../shared/portfolio/portfolio-app';
import { portfolioRoutes } from '../../shared/portfolio/portfolio-routes';
import { milestoneView } from '../../shared/portfolio/portfolio-schemas';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(portfolioRoutes.listMilestones, async ({ params }) =>
  ok({ items: (await portfolio.listMilestones(params.siren, params.projectId)).map(milestoneView) }),
);
