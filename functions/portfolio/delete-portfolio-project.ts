// DELETE /territories/{siren}/portfolio/projects/{projectId}
import { portfolio } from '../../shared/portfolio/portfolio-app';
import { portfolioRoutes } from '../../shared/portfolio/portfolio-routes';
import { httpHandler, noContent } from '../../shared/runtime/http';

export const handler = httpHandler(portfolioRoutes.deletePortfolioProject, async ({ params, principal }) => {
  await portfolio.deleteProject(principal, params.siren, params.projectId);
  return noContent();
});
