// POST /territories/{siren}/sensor-partners/{partnerId}/api-keys
import { created, httpHandler } from '../../shared/runtime/http';
import { sensors } from '../../shared/sensors/sensors-app';
import { sensorRoutes } from '../../shared/sensors/sensors-routes';

export const handler = httpHandler(sensorRoutes.issuePartnerApiKey, async ({ params, body, principal }) => {
  const issued = await sensors.issueApiKey(principal, params.siren, params.partnerId, body.label);
  const answer = created(
    issued,
    `/territories/${params.siren}/sensor-partners/${params.partnerId}/api-keys/${issued.keyId}`,
  );
  // The key is in this answer only: no cache may keep it.
  return { ...answer, headers: { ...answer.headers, 'Cache-Control': 'no-store' } };
});
