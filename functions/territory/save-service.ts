// PUT /territories/{siren}/bodies/{bodyId}/services/{serviceId}
import { httpHandler, ok } from '../../shared/runtime/http';
import { territory } from '../../shared/territory/territory-app';
import { territoryRoutes } from '../../shared/territory/territory-routes';

export const handler = httpHandler(territoryRoutes.saveService, async ({ params, body, principal }) =>
  ok(await territory.saveService(principal, params.siren, params.bodyId, { id: params.serviceId, ...body })),
);
