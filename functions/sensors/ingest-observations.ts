// POST /territories/{siren}/observations   (partner API key, not a JWT)
import { httpHandler } from '../../shared/runtime/http';
import { count } from '../../shared/runtime/metrics';
import { presentedApiKey } from '../../shared/sensors/partner-keys';
import { consumePartnerQuota } from '../../shared/sensors/partner-quota-store';
import { ingestion } from '../../shared/sensors/sensors-app';
import { sensorRoutes } from '../../shared/sensors/sensors-routes';

export const handler = httpHandler(sensorRoutes.ingestObservations, async ({ params, body, headers }) => {
  const partner = await ingestion.authenticatePartner(params.siren, presentedApiKey(headers));
  await consumePartnerQuota(partner, body.observations.length);
  const accepted = await ingestion.acceptObservations(partner, body.observations);
  count('ObservationsAccepted', accepted.accepted);
  return { status: 202 as const, body: accepted };
});
