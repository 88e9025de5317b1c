// POST /agents/territoire/services
import {
  bodyPaths,
  DeleteServiceForm,
  loadBodies,
  sentValues,
  ServiceForm,
  serviceLabels,
  territory,
  territoryRefusal,
} from '../../shared/portal/back-office-territory-app';
import { pageHandler } from '../../shared/portal/page-http';
import { servicesPage } from '../../shared/portal/pages/back-office-territory-bodies';
import { backOfficeTerritoryPageRoutes } from '../../shared/portal/back-office-territory-pages-routes';

export const handler = pageHandler(
  backOfficeTerritoryPageRoutes.submitBackOfficeTerritoryServiceForm,
  async ({ body }, page) => {
    const principal = page.principal!;
    const bodyId = typeof body.organisme === 'string' ? body.organisme : undefined;
    const view = await loadBodies(principal, bodyId);
    const labels = serviceLabels(page.t);
    const removal = DeleteServiceForm.safeParse(body);
    const form = removal.success ? undefined : page.readForm(ServiceForm, labels);
    // The form was for an existing service when it was shown with a version.
    const editing = typeof body.id === 'string' && body.version !== '0' ? body.id : undefined;
    const again = (errors: Parameters<typeof servicesPage>[2] & object, status: 400 | 422) =>
      page.render(servicesPage(page.t, view, { ...(editing ? { serviceId: editing } : {}), ...errors }), status);
    if (form && !form.ok) return again({ values: sentValues(body), errors: form.errors }, 400);
    try {
      if (removal.success) {
        const { id, version } = removal.data;
        await territory.deleteService(principal, view.siren, view.body.id, id, version);
        return page.redirect(bodyPaths.services({ organisme: view.body.id, avis: 'supprime' }));
      }
      if (form?.ok) {
        const { id, name, email, version } = form.value;
        const service = { id, name, ...(email ? { email } : {}) };
        await territory.saveService(principal, view.siren, view.body.id, service, version);
      }
      return page.redirect(bodyPaths.services({ organisme: view.body.id, avis: 'enregistre' }));
    } catch (error) {
      const refused = territoryRefusal(page.t, error);
      if (refused?.stale) {
        const current = await loadBodies(principal, view.body.id);
        const id = typeof body.id === 'string' ? body.id : undefined;
        const exists = current.body.services.some((s) => s.id === id);
        // A new service whose identifier was taken meanwhile: said next to the identifier.
        if (!editing && exists)
          return page.render(
            servicesPage(page.t, current, {
              values: sentValues(body),
              errors: { fields: { id: page.t.backOfficeTerritory.services.idTaken }, general: [] },
            }),
            422,
          );
        return page.render(
          servicesPage(page.t, current, { ...(exists && id ? { serviceId: id } : {}), errors: refused.errors }),
          422,
        );
      }
      if (refused) return again({ values: sentValues(body), errors: refused.errors }, 422);
      const invalid = page.formErrors(error, labels);
      if (invalid) return again({ values: sentValues(body), errors: invalid }, 400);
      throw error;
    }
  },
  { signedIn: 'agent' },
);
