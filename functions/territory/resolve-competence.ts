// GET /territories/{siren}/categories/{code}/competence?insee=..
import { httpHandler, ok } from '../../shared/runtime/http';
import { territory } from '../../shared/territory/territory-app';
import { territoryRoutes } from '../../shared/territory/territory-routes';

export const handler = httpHandler(territoryRoutes.resolveCompetence, async ({ params, query }) =>
  ok(await territory.resolveCompetence(params.siren, params.code, query.insee)),
);
