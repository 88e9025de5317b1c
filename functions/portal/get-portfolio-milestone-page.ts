// GET /portefeuille/projets/{projectId}/jalons
import { NotFoundError } from '../../shared/kernel/errors';
import { pageHandler } from '../../shared/portal/page-http';
import { milestoneFormPage, milestoneValues } from '../../shared/portal/pages/portfolio-form-pages';
import { managedProject, portfolio } from '../../shared/portal/portfolio-pages-app';
import { portalRoutes } from '../../shared/portal/portal-routes';

export const handler = pageHandler(
  portalRoutes.getPortfolioMilestonePage,
  async ({ params, query }, page) => {
    const { siren, project } = await managedProject(page.principal!, params.projectId);
    if (!query.jalon) return page.render(milestoneFormPage(page.t, { project, values: { state: 'scheduled' } }));
    const milestone = (await portfolio.listMilestones(siren, project.id)).find((m) => m.id === query.jalon);
    if (!milestone) throw new NotFoundError(`Project ${project.id} has no milestone ${query.jalon}`);
    return page.render(milestoneFormPage(page.t, { project, values: milestoneValues(milestone) }));
  },
  { signedIn: 'agent' },
);
