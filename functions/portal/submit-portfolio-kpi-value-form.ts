// POST /portefeuille/projets/{projectId}/indicateurs/{kpiId}
import { pageHandler } from '../../shared/portal/page-http';
import { kpiValueFormPage, kpiValueLabels } from '../../shared/portal/pages/portfolio-form-pages';
import { managedProject, portfolio } from '../../shared/portal/portfolio-pages-app';
import { KpiValueForm, portfolioRefusal } from '../../shared/portal/portfolio-forms';
import { portfolioPaths } from '../../shared/portal/portfolio-paths';
import { portfolioPageRoutes } from '../../shared/portal/portfolio-pages-routes';

const sent = (body: Readonly<Record<string, unknown>>) =>
  Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));

export const handler = pageHandler(
  portfolioPageRoutes.submitPortfolioKpiValueForm,
  async ({ params, body }, page) => {
    const { siren, project } = await managedProject(page.principal!, params.projectId);
    const kpi = await portfolio.getKpi(siren, project.id, params.kpiId);
    const labels = kpiValueLabels(page.t);
    const form = page.readForm(KpiValueForm, labels);
    const again = (errors: Parameters<typeof kpiValueFormPage>[1]['errors'], status: 400 | 422) =>
      page.render(kpiValueFormPage(page.t, { project, kpi, values: sent(body), errors }), status);
    if (!form.ok) return again(form.errors, 400);
    try {
      await portfolio.recordValue(page.principal!, siren, project.id, kpi.id, form.value);
      return page.redirect(portfolioPaths.project(project.id, 'valeur'));
    } catch (error) {
      const refused = portfolioRefusal(page.t, error, { 'kpi-manual': 'value' });
      if (refused) return again(refused.errors, 422);
      const invalid = page.formErrors(error, labels);
      if (invalid) return again(invalid, 400);
      throw error;
    }
  },
  { signedIn: 'agent' },
);
