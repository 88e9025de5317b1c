// DELETE /me/personal-data
import { erasure } from '../../shared/privacy/privacy-app';
import { privacyRoutes } from '../../shared/privacy/privacy-routes';
import { httpHandler } from '../../shared/runtime/http';

export const handler = httpHandler(privacyRoutes.erasePersonalData, async ({ principal }) => {
  const request = await erasure.requestErasure(principal);
  return { status: 202 as const, body: request, headers: { Location: '/me/personal-data/erasure' } };
});
