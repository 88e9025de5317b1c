// GET /territories/{siren}/locate?lat=..&lon=..
import { httpHandler, ok } from '../../shared/runtime/http';
import { territory } from '../../shared/territory/territory-app';
import { territoryRoutes } from '../../shared/territory/territory-routes';

export const handler = httpHandler(territoryRoutes.locatePoint, async ({ params, query }) =>
  ok(await territory.locate(params.siren, query.lat, query.lon)),
);
