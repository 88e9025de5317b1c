// PUT /territories/{siren}/categories/{code}
import { httpHandler, ok } from '../../shared/runtime/http';
import { territory } from '../../shared/territory/territory-app';
import { territoryRoutes } from '../../shared/territory/territory-routes';

export const handler = httpHandler(territoryRoutes.saveCategory, async ({ params, body, principal }) =>
  ok(await territory.saveCategory(principal, params.siren, { code: params.code, ...body })),
);
