// POST /territories/{siren}/portfolio/projects
import { portfolio } from '../../shared/portfolio/portfolio-app';
import { portfolioRoutes } from '../../shared/portfolio/portfolio-routes';
import { projectView } from '../../shared/portfolio/portfolio-schemas';
import { created, httpHandler } from '../../shared/runtime/http';

export const handler = httpHandler(portfolioRoutes.createPortfolioProject, async ({ params, body, principal }) => {
  const project = await portfolio.createProject(principal, params.siren, body);
  return created(projectView(project), `/territories/${params.siren}/portfolio/projects/${project.id}`);
});
