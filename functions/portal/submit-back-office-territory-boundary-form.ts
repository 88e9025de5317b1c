// POST /agents/territoire/communes (multipart/form-data: the GeoJSON file and its source)
import { InvalidInputError } from '../../shared/kernel/errors';
import {
  BoundaryForm,
  boundaryLabels,
  communePaths,
  geometryOfFile,
  loadCommunes,
  sentValues,
  territory,
  territoryRefusal,
} from '../../shared/portal/back-office-territory-app';
import type { FormErrors } from '../../shared/portal/form-errors';
import { pageHandler } from '../../shared/portal/page-http';
import { communesPage } from '../../shared/portal/pages/back-office-territory-communes';
import { backOfficeTerritoryPageRoutes } from '../../shared/portal/back-office-territory-pages-routes';
import { BoundaryGeometry } from '../../shared/territory/territory-schemas';

export const handler = pageHandler(
  backOfficeTerritoryPageRoutes.submitBackOfficeTerritoryBoundaryForm,
  async ({ body }, page) => {
    const principal = page.principal!;
    const c = page.t.backOfficeTerritory.communes;
    const insee = typeof body.commune === 'string' ? body.commune : undefined;
    const view = await loadCommunes(principal, insee);
    // The file is not shown again (a browser cannot prefill a file input): the source and version are.
    const { fichier: _file, ...kept } = sentValues(body);
    const again = (errors: FormErrors, status: 400 | 422) =>
      page.render(communesPage(page.t, view, { values: kept, errors }), status);
    const fileError = (message: string) => again({ fields: { fichier: message }, general: [] }, 400);

    const labels = boundaryLabels(page.t);
    const form = page.readForm(BoundaryForm, labels);
    if (!form.ok) {
      const missing = typeof body.fichier !== 'string';
      return again(
        { fields: { ...form.errors.fields, ...(missing ? { fichier: c.fileMissing } : {}) }, general: [] },
        400,
      );
    }
    const found = geometryOfFile(page.t, form.value.fichier);
    if ('error' in found) return fileError(found.error);
    const geometry = BoundaryGeometry.safeParse(found.geometry);
    if (!geometry.success) return fileError(c.notPolygon);
    try {
      await territory.setBoundary(
        principal,
        view.siren,
        form.value.commune,
        geometry.data,
        form.value.source,
        form.value.version,
      );
      return page.redirect(`${communePaths.list({ commune: form.value.commune, avis: 'contour' })}#contour`);
    } catch (error) {
      const refused = territoryRefusal(page.t, error, { 'boundary-size': 'fichier' });
      if (refused?.stale) {
        const current = await loadCommunes(principal, form.value.commune);
        return page.render(communesPage(page.t, current, { errors: refused.errors }), 422);
      }
      if (refused) return again(refused.errors, 422);
      // The geometry's own faults (a ring not closed, edges crossing): said next to the file.
      if (error instanceof InvalidInputError) return fileError(page.t.backOfficeTerritory.rules['boundary-shape']!);
      throw error;
    }
  },
  { signedIn: 'agent' },
);
