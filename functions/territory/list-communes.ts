// GET /territories/{siren}/communes
import { httpHandler, ok } from '../../shared/runtime/http';
import { territory } from '../../shared/territory/territory-app';
import { territoryRoutes } from '../../shared/territory/territory-routes';

export const handler = httpHandler(territoryRoutes.listCommunes, async ({ params }) =>
  ok({ items: await territory.listCommunes(params.siren) }),
);
