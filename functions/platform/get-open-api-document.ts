// GET /openapi.json
import { servedOpenApiDocument } from '../../shared/platform/openapi-app';
import { platformRoutes } from '../../shared/platform/platform-routes';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(platformRoutes.getOpenApiDocument, async () => ok(await servedOpenApiDocument()));
