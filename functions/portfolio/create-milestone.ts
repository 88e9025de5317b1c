// POST /territories/{siren}/portfolio/projects/{projectId}/milestones
import { portfolio } from '../../shared/portfolio/portfolio-app';
import { portfolioRoutes } from '../../shared/portfolio/portfolio-routes';
import { milestoneView } from '../../shared/portfolio/portfolio-schemas';
import { created, httpHandler } from '../../shared/runtime/http';

export const handler = httpHandler(portfolioRoutes.createMilestone, async ({ params, body, principal }) => {
  const milestone = await portfolio.saveMilestone(principal, params.siren, params.projectId, undefined, body);
  return created(
    milestoneView(milestone),
    `/territories/${params.siren}/portfolio/projects/${params.projectId}/milestones/${milestone.id}`,
  );
});
