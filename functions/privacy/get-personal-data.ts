// GET /me/personal-data
import { privacy } from '../../shared/privacy/privacy-app';
import { privacyRoutes } from '../../shared/privacy/privacy-routes';
import { httpHandler } from '../../shared/runtime/http';

export const handler = httpHandler(privacyRoutes.getPersonalData, async ({ principal }) => {
  const data = await privacy.exportPersonalData(principal);
  return {
    status: 200 as const,
    body: data,
    headers: {
      'Content-Disposition': `attachment; filename="donnees-personnelles-${data.generatedAt.slice(0, 10)}.json"`,
    },
  };
});
