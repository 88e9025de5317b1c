// GET /health
import { platformRoutes } from '../../shared/platform/platform-routes';
import { checkTable } from '../../shared/platform/health';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(platformRoutes.getHealth, async () => {
  await checkTable();
  return ok({ status: 'ok' });
});
