// GET /openapi.json
import { openApiDocument } from '../../shared/platform/openapi';
import { platformRoutes } from '../../shared/platform/platform-routes';
import { httpHandler, ok } from '../../shared/runtime/http';

const document = openApiDocument();

export const handler = httpHandler(platformRoutes.getOpenApiDocument, async () => ok(document));
