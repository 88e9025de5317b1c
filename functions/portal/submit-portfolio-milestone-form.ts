// POST /portefeuille/projets/{projectId}/jalons
import { NotFoundError } from '../../shared/kernel/errors';
import { pageHandler } from '../../shared/portal/page-http';
import { milestoneFormPage, milestoneLabels, milestoneValues } from '../../shared/portal/pages/portfolio-form-pages';
import { managedProject, portfolio } from '../../shared/portal/portfolio-pages-app';
import { MarkMetForm, MilestoneForm, parisToday, portfolioRefusal } from '../../shared/portal/portfolio-forms';
import { portfolioPaths } from '../../shared/portal/portfolio-paths';
import { portfolioPageRoutes } from '../../shared/portal/portfolio-pages-routes';

const sent = (body: Readonly<Record<string, unknown>>) =>
  Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));

export const handler = pageHandler(
  portfolioPageRoutes.submitPortfolioMilestoneForm,
  async ({ params, body }, page) => {
    const { siren, project } = await managedProject(page.principal!, params.projectId);
    const principal = page.principal!;

    // The project page's "mark met" button: the milestone as it is, met today. A stale version is a 409 page.
    const markMet = MarkMetForm.safeParse(body);
    if (markMet.success) {
      const { milestoneId, version } = markMet.data;
      const milestone = (await portfolio.listMilestones(siren, project.id)).find((m) => m.id === milestoneId);
      if (!milestone) throw new NotFoundError(`Project ${project.id} has no milestone ${milestoneId}`);
      await portfolio.saveMilestone(principal, siren, project.id, milestoneId, {
        title: milestone.title,
        ...(milestone.description ? { description: milestone.description } : {}),
        dueDate: milestone.dueDate,
        state: 'met',
        metOn: parisToday(),
        version,
      });
      return page.redirect(portfolioPaths.project(project.id, 'jalon-atteint'));
    }

    const labels = milestoneLabels(page.t);
    const form = page.readForm(MilestoneForm, labels);
    const again = (errors: Parameters<typeof milestoneFormPage>[1]['errors'], status: 400 | 422) =>
      page.render(milestoneFormPage(page.t, { project, values: sent(body), errors }), status);
    if (!form.ok) return again(form.errors, 400);
    const { milestoneId, ...input } = form.value;
    try {
      await portfolio.saveMilestone(principal, siren, project.id, milestoneId, input);
      return page.redirect(portfolioPaths.project(project.id, 'jalon'));
    } catch (error) {
      const refused = portfolioRefusal(page.t, error);
      const current =
        refused?.stale && milestoneId
          ? (await portfolio.listMilestones(siren, project.id)).find((m) => m.id === milestoneId)
          : undefined;
      // Changed meanwhile: the form shows the milestone as it is now, with its new version.
      if (refused && current)
        return page.render(
          milestoneFormPage(page.t, { project, values: milestoneValues(current), errors: refused.errors }),
          422,
        );
      if (refused) return again(refused.errors, 422);
      const invalid = page.formErrors(error, labels);
      if (invalid) return again(invalid, 400);
      throw error;
    }
  },
  { signedIn: 'agent' },
);
