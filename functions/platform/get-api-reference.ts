// GET /api
import { API_REFERENCE_CSP, apiReferencePage } from '../../shared/platform/api-reference';
import { platformRoutes } from '../../shared/platform/platform-routes';
import { httpHandler } from '../../shared/runtime/http';

export const handler = httpHandler(platformRoutes.getApiReference, apiReferencePage, {
  contentSecurityPolicy: API_REFERENCE_CSP,
});
