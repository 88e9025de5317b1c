// GET /territories/{siren}
import { httpHandler, ok } from '../../shared/runtime/http';
import { territory } from '../../shared/territory/territory-app';
import { territoryRoutes } from '../../shared/territory/territory-routes';

export const handler = httpHandler(territoryRoutes.getTerritory, async ({ params }) =>
  ok(await territory.getTerritory(params.siren)),
);
