// GET /me/personal-data/erasure
import { NotFoundError } from '../../shared/kernel/errors';
import { erasure } from '../../shared/privacy/privacy-app';
import { privacyRoutes } from '../../shared/privacy/privacy-routes';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(privacyRoutes.getErasureRequest, async ({ principal }) => {
  const request = await erasure.erasureStatus(principal);
  if (!request) throw new NotFoundError('No erasure request in the last 30 days');
  return ok(request);
});
