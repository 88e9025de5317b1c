// GET /portefeuille/projets/{projectId}/budget
import { NotFoundError } from '../../shared/kernel/errors';
import { formatEuros } from '../../shared/portfolio/money';
import { pageHandler } from '../../shared/portal/page-http';
import { budgetLineFormPage } from '../../shared/portal/pages/portfolio-form-pages';
import { managedProject, portfolio } from '../../shared/portal/portfolio-pages-app';
import { portalRoutes } from '../../shared/portal/portal-routes';

export const handler = pageHandler(
  portalRoutes.getPortfolioBudgetLinePage,
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
    return page.render(
      budgetLineFormPage(page.t, {
        project,
        values: {
          lineId: line.id,
          version: String(line.version),
          year: String(line.year),
          kind: line.kind,
          planned: formatEuros(line.planned),
          committed: formatEuros(line.committed),
          spent: formatEuros(line.spent),
          funder: line.funder,
        },
      }),
    );
  },
  { signedIn: 'agent' },
);
