// DELETE /territories/{siren}/sensor-partners/{partnerId}/api-keys/{keyId}
import { httpHandler, ok } from '../../shared/runtime/http';
import { sensors } from '../../shared/sensors/sensors-app';
import { sensorRoutes } from '../../shared/sensors/sensors-routes';

export const handler = httpHandler(sensorRoutes.revokePartnerApiKey, async ({ params, principal }) =>
  ok(await sensors.revokeApiKey(principal, params.siren, params.partnerId, params.keyId)),
);
