// GET /portefeuille/projets/{projectId}/indicateurs/{kpiId}
import { RuleViolationError } from '../../shared/kernel/errors';
import { pageHandler } from '../../shared/portal/page-http';
import { kpiValueFormPage } from '../../shared/portal/pages/portfolio-form-pages';
import { managedProject, portfolio } from '../../shared/portal/portfolio-pages-app';
import { parisToday } from '../../shared/portal/portfolio-forms';
import { portfolioPageRoutes } from '../../shared/portal/portfolio-pages-routes';

export const handler = pageHandler(
  portfolioPageRoutes.getPortfolioKpiValuePage,
  async ({ params }, page) => {
    const { siren, project } = await managedProject(page.principal!, params.projectId);
    const kpi = await portfolio.getKpi(siren, project.id, params.kpiId);
    // A live KPI's values are computed: no form for what the API would refuse.
    if (kpi.source.kind !== 'manual')
      throw new RuleViolationError(`KPI ${kpi.id} is computed from the ${kpi.source.kind}`, 'kpi-manual');
    return page.render(kpiValueFormPage(page.t, { project, kpi, values: { date: parisToday() } }));
  },
  { signedIn: 'agent' },
);
