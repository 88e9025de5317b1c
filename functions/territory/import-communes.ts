// POST /territories/{siren}/import
import { httpHandler, ok } from '../../shared/runtime/http';
import { importCommunes } from '../../shared/territory/import-communes-app';
import { territoryRoutes } from '../../shared/territory/territory-routes';

export const handler = httpHandler(territoryRoutes.importCommunes, async ({ params, principal }) =>
  ok(await importCommunes(principal, params.siren)),
);
