// GET /territories/{siren}/categories
import { httpHandler, ok } from '../../shared/runtime/http';
import { territory } from '../../shared/territory/territory-app';
import { territoryRoutes } from '../../shared/territory/territory-routes';

export const handler = httpHandler(territoryRoutes.listCategories, async ({ params }) =>
  ok({ items: await territory.listCategories(params.siren) }),
);
