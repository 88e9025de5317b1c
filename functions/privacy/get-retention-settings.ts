// GET /territories/{siren}/privacy/retention
import { retention } from '../../shared/privacy/privacy-app';
import { privacyRoutes } from '../../shared/privacy/privacy-routes';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(privacyRoutes.getRetentionSettings, async ({ params, principal }) =>
  ok(await retention.getSettings(principal, params.siren)),
);
