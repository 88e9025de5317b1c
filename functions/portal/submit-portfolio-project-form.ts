// POST /portefeuille/projets/{projectId}/modifier
import { pageHandler } from '../../shared/portal/page-http';
import { projectFormLabels, projectFormPage, projectValues } from '../../shared/portal/pages/portfolio-form-pages';
import { managedProject, portfolio } from '../../shared/portal/portfolio-pages-app';
import { portfolioRefusal, projectUpdate, ProjectForm } from '../../shared/portal/portfolio-forms';
import { portfolioPaths } from '../../shared/portal/portfolio-paths';
import { portfolioPageRoutes } from '../../shared/portal/portfolio-pages-routes';

const sent = (body: Readonly<Record<string, unknown>>) =>
  Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));

export const handler = pageHandler(
  portfolioPageRoutes.submitPortfolioProjectForm,
  async ({ params, body }, page) => {
    const { siren, project } = await managedProject(page.principal!, params.projectId);
    const labels = projectFormLabels(page.t);
    const form = page.readForm(ProjectForm, labels);
    if (!form.ok)
      return page.render(
        projectFormPage(page.t, { project, current: project, values: sent(body), errors: form.errors }),
        400,
      );
    try {
      await portfolio.updateProject(page.principal!, siren, project.id, projectUpdate(project, form.value));
      return page.redirect(portfolioPaths.project(project.id, 'projet'));
    } catch (error) {
      const refused = portfolioRefusal(page.t, error, { 'dates-order': 'endDate', 'progress-of-parent': 'progress' });
      if (refused?.stale) {
        // Changed meanwhile: the form shows the project as it is now, with its new version.
        const current = await portfolio.getProject(siren, project.id);
        return page.render(
          projectFormPage(page.t, {
            project: current,
            current,
            values: projectValues(current),
            errors: refused.errors,
          }),
          422,
        );
      }
      if (refused)
        return page.render(
          projectFormPage(page.t, { project, current: project, values: sent(body), errors: refused.errors }),
          422,
        );
      const invalid = page.formErrors(error, labels);
      if (invalid)
        return page.render(
          projectFormPage(page.t, { project, current: project, values: sent(body), errors: invalid }),
          400,
        );
      throw error;
    }
  },
  { signedIn: 'agent' },
);
