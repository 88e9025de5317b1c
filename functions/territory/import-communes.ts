// POST /territories/{siren}/import
import { httpHandler, ok } from '../../shared/runtime/http';
import { territory } from '../../shared/territory/territory-app';
import { territoryRoutes } from '../../shared/territory/territory-routes';

export const handler = httpHandler(territoryRoutes.importCommunes, async ({ params, principal }) =>
  ok(await territory.importCommunes(principal, params.siren)),
);
