// GET /territories/{siren}/communes/{insee}
import { httpHandler, ok } from '../../shared/runtime/http';
import { territory } from '../../shared/territory/territory-app';
import { territoryRoutes } from '../../shared/territory/territory-routes';

export const handler = httpHandler(territoryRoutes.getCommune, async ({ params }) => {
  const { commune, boundary } = await territory.getCommune(params.siren, params.insee);
  return ok({ ...commune, geometry: boundary });
});
