// GET /territories/{siren}/catalog.ttl
import { catalog } from '../../shared/opendata/opendata-app';
import { catalogRequest } from '../../shared/opendata/opendata-http';
import { openDataRoutes } from '../../shared/opendata/opendata-routes';
import { httpHandler } from '../../shared/runtime/http';

export const handler = httpHandler(openDataRoutes.getCatalogTurtle, async (request) => ({
  status: 200 as const,
  text: await catalog.turtle(request.params.siren, catalogRequest(request)),
  contentType: 'text/turtle; charset=utf-8',
}));
