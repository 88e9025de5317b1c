// GET /portefeuille/projets/{projectId}/modifier
import { pageHandler } from '../../shared/portal/page-http';
import { projectFormPage, projectValues } from '../../shared/portal/pages/portfolio-form-pages';
import { managedProject } from '../../shared/portal/portfolio-pages-app';
import { portfolioPageRoutes } from '../../shared/portal/portfolio-pages-routes';

export const handler = pageHandler(
  portfolioPageRoutes.getPortfolioProjectEditPage,
  async ({ params }, page) => {
    // 403 in words to whom the API would refuse the change.
    const { project } = await managedProject(page.principal!, params.projectId);
    return page.render(projectFormPage(page.t, { project, current: project, values: projectValues(project) }));
  },
  { signedIn: 'agent' },
);
