// POST /portefeuille/projets/{projectId}/budget
import { pageHandler } from '../../shared/portal/page-http';
import { budgetLineFormPage, budgetLineLabels, budgetLineValues } from '../../shared/portal/pages/portfolio-form-pages';
import { managedProject, portfolio } from '../../shared/portal/portfolio-pages-app';
import { BudgetLineForm, portfolioRefusal } from '../../shared/portal/portfolio-forms';
import { portfolioPaths } from '../../shared/portal/portfolio-paths';
import { portfolioPageRoutes } from '../../shared/portal/portfolio-pages-routes';

const sent = (body: Readonly<Record<string, unknown>>) =>
  Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));

const currentLine = async (siren: string, projectId: string, lineId: string) => {
  const line = (await portfolio.listBudgetLines(siren, projectId)).find((l) => l.id === lineId);
  return line ? budgetLineValues(line) : undefined;
};

export const handler = pageHandler(
  portfolioPageRoutes.submitPortfolioBudgetLineForm,
  async ({ params, body }, page) => {
    const { siren, project } = await managedProject(page.principal!, params.projectId);
    const labels = budgetLineLabels(page.t);
    const form = page.readForm(BudgetLineForm, labels);
    const again = (errors: Parameters<typeof budgetLineFormPage>[1]['errors'], status: 400 | 422) =>
      page.render(budgetLineFormPage(page.t, { project, values: sent(body), errors }), status);
    if (!form.ok) return again(form.errors, 400);
    const { lineId, ...input } = form.value;
    try {
      await portfolio.saveBudgetLine(page.principal!, siren, project.id, lineId, input);
      return page.redirect(portfolioPaths.project(project.id, 'ligne'));
    } catch (error) {
      const refused = portfolioRefusal(page.t, error);
      const current = refused?.stale && lineId ? await currentLine(siren, project.id, lineId) : undefined;
      // Changed meanwhile: the form shows the line as it is now, with its new version.
      if (refused && current)
        return page.render(budgetLineFormPage(page.t, { project, values: current, errors: refused.errors }), 422);
      if (refused) return again(refused.errors, 422);
      const invalid = page.formErrors(error, labels);
      if (invalid) return again(invalid, 400);
      throw error;
    }
  },
  { signedIn: 'agent' },
);
