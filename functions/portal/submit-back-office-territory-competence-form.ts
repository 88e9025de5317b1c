// POST /agents/territoire/competences/{code}
import {
  DeleteExceptionForm,
  ExceptionForm,
  exceptionLabels,
  loadCompetence,
  sentValues,
  territory,
  territoryAdminPaths,
  territoryRefusal,
} from '../../shared/portal/back-office-territory-app';
import { pageHandler } from '../../shared/portal/page-http';
import { competencePage } from '../../shared/portal/pages/back-office-territory-competences';
import { backOfficeTerritoryPageRoutes } from '../../shared/portal/back-office-territory-pages-routes';

export const handler = pageHandler(
  backOfficeTerritoryPageRoutes.submitBackOfficeTerritoryCompetenceForm,
  async ({ params, body }, page) => {
    const principal = page.principal!;
    const commune = typeof body.commune === 'string' ? body.commune : undefined;
    const view = await loadCompetence(principal, params.code, commune);
    const labels = exceptionLabels(page.t);

    // The exception removed: the default applies again. A stale version is said on the page as it is now.
    const removal = DeleteExceptionForm.safeParse(body);
    const form = removal.success ? undefined : page.readForm(ExceptionForm, labels);
    if (form && !form.ok)
      return page.render(competencePage(page.t, view, { values: sentValues(body), errors: form.errors }), 400);
    const insee = removal.success ? removal.data.commune : form!.ok ? form!.value.commune : '';
    try {
      if (removal.success) {
        await territory.deleteOverride(principal, view.siren, params.code, insee, removal.data.version);
      } else if (form?.ok) {
        const { level, service, version } = form.value;
        await territory.saveOverride(
          principal,
          view.siren,
          params.code,
          insee,
          { level, ...(service ? { service } : {}) },
          version,
        );
      }
      return page.redirect(
        `${territoryAdminPaths.competence(params.code, {
          commune: insee,
          avis: removal.success ? 'supprimee' : 'enregistree',
        })}#exception`,
      );
    } catch (error) {
      const refused = territoryRefusal(page.t, error, { 'competence-service-exists': 'service' });
      if (refused?.stale) {
        // Changed meanwhile: the page as it is now, the form with the current exception.
        const current = await loadCompetence(principal, params.code, insee);
        return page.render(competencePage(page.t, current, { errors: refused.errors }), 422);
      }
      if (refused)
        return page.render(competencePage(page.t, view, { values: sentValues(body), errors: refused.errors }), 422);
      const invalid = page.formErrors(error, labels);
      if (invalid) return page.render(competencePage(page.t, view, { values: sentValues(body), errors: invalid }), 400);
      throw error;
    }
  },
  { signedIn: 'agent' },
);
