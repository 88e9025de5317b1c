// PUT /territories/{siren}/communes/{insee}/boundary
import { httpHandler, ok } from '../../shared/runtime/http';
import { territory } from '../../shared/territory/territory-app';
import { territoryRoutes } from '../../shared/territory/territory-routes';

export const handler = httpHandler(territoryRoutes.setCommuneBoundary, async ({ params, body, principal }) =>
  ok(await territory.setBoundary(principal, params.siren, params.insee, body.geometry, body.source)),
);
