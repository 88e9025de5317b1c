// DELETE /territories/{siren}/portfolio/projects/{projectId}/milestones/{milestoneId}
import { portfolio } from '../../shared/portfolio/portfolio-app';
import { portfolioRoutes } from '../../shared/portfolio/portfolio-routes';
import { httpHandler, noContent } from '../../shared/runtime/http';

export const handler = httpHandler(portfolioRoutes.deleteMilestone, async ({ params, principal }) => {
  await portfolio.deleteMilestone(principal, params.siren, params.projectId, params.milestoneId);
  return noContent();
});
