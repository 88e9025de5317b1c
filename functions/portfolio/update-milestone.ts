// PUT /territories/{siren}/portfolio/projects/{projectId}/milestones/{milestoneId}
import { portfolio } from '../../shared/portfolio/portfolio-app';
import { portfolioRoutes } from '../../shared/portfolio/portfolio-routes';
import { milestoneView } from '../../shared/portfolio/portfolio-schemas';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(portfolioRoutes.updateMilestone, async ({ params, body, principal }) =>
  ok(milestoneView(await portfolio.saveMilestone(principal, params.siren, params.projectId, params.milestoneId, body))),
);
