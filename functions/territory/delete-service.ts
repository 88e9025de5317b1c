// DELETE /territories/{siren}/bodies/{bodyId}/services/{serviceId}
import { httpHandler, noContent } from '../../shared/runtime/http';
import { territory } from '../../shared/territory/territory-app';
import { territoryRoutes } from '../../shared/territory/territory-routes';

export const handler = httpHandler(territoryRoutes.deleteService, async ({ params, principal }) => {
  await territory.deleteService(principal, params.siren, params.bodyId, params.serviceId);
  return noContent();
});
