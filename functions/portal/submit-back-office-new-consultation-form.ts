// POST /agents/consultations/nouvelle
import {
  areaMapOf,
  createFromForm,
  FormRefusal,
  NewConsultationForm,
  newConsultationLabels,
  participationRefusal,
  scopeChoices,
} from '../../shared/portal/back-office-participation-app';
import { backOfficePaths, withQuery } from '../../shared/portal/back-office-paths';
import type { FormErrors } from '../../shared/portal/form-errors';
import { pageHandler } from '../../shared/portal/page-http';
import {
  newConsultationPage,
  sentValues,
} from '../../shared/portal/pages/back-office-participation-consultation-pages';
import { backOfficeParticipationPageRoutes } from '../../shared/portal/back-office-participation-pages-routes';

export const handler = pageHandler(
  backOfficeParticipationPageRoutes.submitBackOfficeNewConsultationForm,
  async ({ body }, page) => {
    const principal = page.principal!;
    const labels = newConsultationLabels(page.t);
    const again = async (errors: FormErrors, status: 400 | 422) =>
      page.render(
        newConsultationPage(page.t, {
          scopes: await scopeChoices(page.t, principal),
          values: sentValues(body),
          errors,
          map: await areaMapOf(principal),
        }),
        status,
      );
    const form = page.readForm(NewConsultationForm, labels);
    if (!form.ok) return again(form.errors, 400);
    try {
      const consultation = await createFromForm(page.t, principal, form.value);
      return page.redirect(withQuery(backOfficePaths.consultation(consultation.id), { avis: 'creee' }));
    } catch (error) {
      if (error instanceof FormRefusal) return again(error.errors, 400);
      const refused = participationRefusal(page.t, error, labels, {
        'area-size': 'area',
        'schedule-order': 'proposals',
        'schedule-closed-in-past': 'closed',
        'budget-voting': 'voting',
        'budget-selections': 'minSelections',
        'budget-projects': 'voting',
      });
      if (refused) return again(refused, 422);
      throw error;
    }
  },
  { signedIn: 'agent' },
);
