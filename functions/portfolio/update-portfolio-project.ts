// PUT /territories/{siren}/portfolio/projects/{projectId}
import { portfolio } from '../../shared/portfolio/portfolio-app';
import { portfolioRoutes } from '../../shared/portfolio/portfolio-routes';
import { projectView } from '../../shared/portfolio/portfolio-schemas';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(portfolioRoutes.updatePortfolioProject, async ({ params, body, principal }) =>
  ok(projectView(await portfolio.updateProject(principal, params.siren, params.projectId, body))),
);
