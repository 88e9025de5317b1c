// GET /territories/{siren}/sensor-partners/{partnerId}/api-keys
import { httpHandler, ok } from '../../shared/runtime/http';
import { sensors } from '../../shared/sensors/sensors-app';
import { sensorRoutes } from '../../shared/sensors/sensors-routes';

export const handler = httpHandler(sensorRoutes.listPartnerApiKeys, async ({ params, principal }) =>
  ok({ items: await sensors.listApiKeys(principal, params.siren, params.partnerId) }),
);
