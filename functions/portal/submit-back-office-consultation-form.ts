// POST /agents/consultations/{consultationId}: move the phase, add or remove a budget project.
import {
  agentSiren,
  EditForm,
  editFromForm,
  editLabels,
  editValues,
  FormRefusal,
  loadConsultationForAgent,
  participation,
  participationRefusal,
  PhaseForm,
  phaseLabels,
  ProjectForm,
  projectLabels,
  RemoveProjectForm,
} from '../../shared/portal/back-office-participation-app';
import { backOfficePaths, withQuery } from '../../shared/portal/back-office-paths';
import type { FormErrors } from '../../shared/portal/form-errors';
import { pageHandler } from '../../shared/portal/page-http';
import {
  consultationAdminPage,
  sentValues,
} from '../../shared/portal/pages/back-office-participation-consultation-pages';
import { backOfficeParticipationPageRoutes } from '../../shared/portal/back-office-participation-pages-routes';

export const handler = pageHandler(
  backOfficeParticipationPageRoutes.submitBackOfficeConsultationForm,
  async ({ params, body }, page) => {
    const principal = page.principal!;
    const siren = agentSiren(principal);
    const id = params.consultationId;
    const back = (avis: 'modifiee' | 'etape' | 'projet' | 'projet-retire') =>
      page.redirect(withQuery(backOfficePaths.consultation(id), { avis }));
    const again = async (form: 'modifier' | 'etape' | 'projet', errors: FormErrors, status: 400 | 422) => {
      const view = await loadConsultationForAgent(page.t, principal, id);
      return page.render(
        consultationAdminPage(page.t, {
          view,
          editValues: form === 'modifier' ? sentValues(body) : editValues(view.consultation),
          refused: { form, values: sentValues(body), errors },
        }),
        status,
      );
    };

    if (body.acte === 'modifier') {
      const labels = editLabels(page.t);
      const form = page.readForm(EditForm, labels);
      if (!form.ok) return again('modifier', form.errors, 400);
      try {
        if ((await editFromForm(page.t, principal, id, form.value)) === 'stale') {
          // Changed meanwhile: the form shows the consultation as it is now, nothing written.
          const view = await loadConsultationForAgent(page.t, principal, id);
          return page.render(
            consultationAdminPage(page.t, { view, editValues: editValues(view.consultation), stale: true }),
            422,
          );
        }
      } catch (error) {
        if (error instanceof FormRefusal) return again('modifier', error.errors, 400);
        const refused = participationRefusal(page.t, error, labels, {
          'area-size': 'area',
          'schedule-order': 'proposals',
          'budget-voting': 'voting',
          'consultation-started': 'residents',
        });
        if (refused) return again('modifier', refused, 422);
        throw error;
      }
      return back('modifiee');
    }

    if (body.acte === 'retirer-projet') {
      const form = page.readForm(RemoveProjectForm, {});
      if (!form.ok) return again('projet', form.errors, 400);
      try {
        await participation.deleteProject(principal, siren, id, form.value.projectId);
      } catch (error) {
        const refused = participationRefusal(page.t, error, {});
        if (refused) return again('projet', refused, 422);
        throw error;
      }
      return back('projet-retire');
    }

    if (body.acte === 'projet') {
      const labels = projectLabels(page.t);
      const form = page.readForm(ProjectForm, labels);
      if (!form.ok) return again('projet', form.errors, 400);
      const { proposalId, projectTitle, projectDescription, cost } = form.value;
      try {
        await participation.saveProject(principal, siren, id, {
          cost,
          ...(proposalId ? { proposalId } : {}),
          ...(projectTitle ? { title: projectTitle } : {}),
          ...(projectDescription ? { description: projectDescription } : {}),
        });
      } catch (error) {
        const refused = participationRefusal(page.t, error, labels, {
          'project-cost': 'cost',
          'project-fields': 'projectTitle',
          'proposal-retained-once': 'proposalId',
        });
        if (refused) return again('projet', refused, 422);
        throw error;
      }
      return back('projet');
    }

    const labels = phaseLabels(page.t);
    const form = page.readForm(PhaseForm, labels);
    if (!form.ok) return again('etape', form.errors, 400);
    try {
      await participation.movePhase(principal, siren, id, { phase: form.value.phase, reason: form.value.reason });
    } catch (error) {
      const refused = participationRefusal(page.t, error, labels, { 'phase-move': 'phase' });
      if (refused) return again('etape', refused, 422);
      throw error;
    }
    return back('etape');
  },
  { signedIn: 'agent' },
);
