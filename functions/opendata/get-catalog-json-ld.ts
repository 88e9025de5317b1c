// GET /territories/{siren}/catalog.jsonld
import { catalog } from '../../shared/opendata/opendata-app';
import { catalogRequest } from '../../shared/opendata/opendata-http';
import { openDataRoutes } from '../../shared/opendata/opendata-routes';
import { httpHandler } from '../../shared/runtime/http';

export const handler = httpHandler(openDataRoutes.getCatalogJsonLd, async (request) => ({
  status: 200 as const,
  body: await catalog.jsonLd(request.params.siren, catalogRequest(request)),
  contentType: 'application/ld+json',
}));
