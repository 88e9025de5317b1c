// PUT /territories/{siren}/privacy/retention
import { retention } from '../../shared/privacy/privacy-app';
import { privacyRoutes } from '../../shared/privacy/privacy-routes';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(privacyRoutes.setRetentionSettings, async ({ params, body, principal }) =>
  ok(await retention.setSettings(principal, params.siren, body)),
);
