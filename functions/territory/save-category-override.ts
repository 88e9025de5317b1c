// PUT /territories/{siren}/categories/{code}/overrides/{insee}
import { httpHandler, ok } from '../../shared/runtime/http';
import { territory } from '../../shared/territory/territory-app';
import { territoryRoutes } from '../../shared/territory/territory-routes';

export const handler = httpHandler(territoryRoutes.saveCategoryOverride, async ({ params, body, principal }) =>
  ok(await territory.saveOverride(principal, params.siren, params.code, params.insee, body)),
);
