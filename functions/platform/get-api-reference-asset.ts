// GET /api-reference/{asset}
import { apiReferenceAsset } from '../../shared/platform/api-reference';
import { platformRoutes } from '../../shared/platform/platform-routes';
import { httpHandler } from '../../shared/runtime/http';

export const handler = httpHandler(platformRoutes.getApiReferenceAsset, async ({ params }) =>
  apiReferenceAsset(params.asset),
);
