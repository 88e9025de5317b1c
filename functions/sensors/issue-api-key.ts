// POST /territories/{siren}/sensor-partners/{partnerId}/api-keys
import { created, httpHandler } from '../../shared/runtime/http';
import { sensors } from '../../shared/sensors/sensors-app';
import { sensorRoutes } from '../../shared/sensors/sensors-routes';

export const handler = httpHandler(sensorRoutes.issueApiKey, async ({ params, body, principal }) => {
  const issued = await sensors.issueApiKey(principal, params.siren, params.partnerId, body.label);
  // The key is in this answer only: no cache may keep it.
  return { ...created(issued), headers: { 'Cache-Control': 'no-store' } };
});
