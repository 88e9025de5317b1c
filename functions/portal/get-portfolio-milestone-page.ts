// GET /portefeuille/projets/{projectId}/jalons
import { NotFoundError } from '../../shared/kernel/errors';
import { pageHandler } from '../../shared/portal/page-http';
import { milestoneFormPage, milestoneValues } from '../../shared/portal/pages/portfolio-form-pages';
import { managedProject, portfolio } from '../../shared/portal/portfolio-pages-app';
import { portfolioPageRoutes } from '../../shared/portal/portfolio-pages-routes';

export const handler = pageHandler(
  portfolioPageRoutes.getPortfolioMilestonePage,
  async ({ params, query }, page) => {
    const { siren, project } = await managedProject(page.principal!, params.projectId);
    if (!query.jalon) return page.render(milestoneFormPage(page.t, { project, values: { state: 'scheduled' } }));
    const milestone = (await portfolio.listMilestones(siren, project.id)).find((m) => m.id === query.jalon);
    if (!milestone) throw new NotFoundError(`Project ${project.id} has no milestone ${query.jalon}`);
    return page.render(milestoneFormPage(page.t, { project, values: milestoneValues(milestone) }));
  },
  { signedIn: 'agent' },
);
