// GET /territories/{siren}/bodies
import { httpHandler, ok } from '../../shared/runtime/http';
import { territory } from '../../shared/territory/territory-app';
import { territoryRoutes } from '../../shared/territory/territory-routes';

export const handler = httpHandler(territoryRoutes.listBodies, async ({ params }) =>
  ok({ items: await territory.listPublicBodies(params.siren) }),
);
