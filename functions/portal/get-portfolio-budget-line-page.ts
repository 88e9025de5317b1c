// GET /portefeuille/projets/{projectId}/budget
import { NotFoundError } from '../../shared/kernel/errors';
import { pageHandler } from '../../shared/portal/page-http';
import { budgetLineFormPage, budgetLineValues } from '../../shared/portal/pages/portfolio-form-pages';
import { managedProject, portfolio } from '../../shared/portal/portfolio-pages-app';
import { portfolioPageRoutes } from '../../shared/portal/portfolio-pages-routes';

export const handler = pageHandler(
  portfolioPageRoutes.getPortfolioBudgetLinePage,
  async ({ params, query }, page) => {
    const { siren, project } = await managedProject(page.principal!, params.projectId);
    if (!query.ligne)
      return page.render(
        budgetLineFormPage(page.t, {
          project,
          values: { year: String(new Date().getUTCFullYear()), kind: 'investment' },
        }),
      );
    const line = (await portfolio.listBudgetLines(siren, project.id)).find((l) => l.id === query.ligne);
    if (!line) throw new NotFoundError(`Project ${project.id} has no budget line ${query.ligne}`);
    return page.render(budgetLineFormPage(page.t, { project, values: budgetLineValues(line) }));
  },
  { signedIn: 'agent' },
);
