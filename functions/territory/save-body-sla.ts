// PUT /territories/{siren}/bodies/{bodyId}/sla
import { httpHandler, ok } from '../../shared/runtime/http';
import { territory } from '../../shared/territory/territory-app';
import { territoryRoutes } from '../../shared/territory/territory-routes';

export const handler = httpHandler(territoryRoutes.saveBodySla, async ({ params, body, principal }) =>
  ok(await territory.saveBodySla(principal, params.siren, params.bodyId, body)),
);
