// DELETE /territories/{siren}/categories/{code}/overrides/{insee}
import { httpHandler, noContent } from '../../shared/runtime/http';
import { territory } from '../../shared/territory/territory-app';
import { territoryRoutes } from '../../shared/territory/territory-routes';

export const handler = httpHandler(territoryRoutes.deleteCategoryOverride, async ({ params, principal }) => {
  await territory.deleteOverride(principal, params.siren, params.code, params.insee);
  return noContent();
});
