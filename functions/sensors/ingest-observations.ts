// POST /territories/{siren}/observations   (partner API key, not a JWT)
import { httpHandler } from '../../shared/runtime/http';
import { ingestion } from '../../shared/sensors/sensors-app';
import { presentedApiKey } from '../../shared/sensors/partner-keys';
import { sensorRoutes } from '../../shared/sensors/sensors-routes';

export const handler = httpHandler(sensorRoutes.ingestObservations, async ({ params, body, headers }) => {
  const partner = await ingestion.authenticatePartner(params.siren, presentedApiKey(headers));
  return { status: 202, body: await ingestion.acceptObservations(partner, body.observations) };
});
