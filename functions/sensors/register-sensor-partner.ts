// POST /territories/{siren}/sensor-partners
import { created, httpHandler } from '../../shared/runtime/http';
import { sensors } from '../../shared/sensors/sensors-app';
import { sensorRoutes } from '../../shared/sensors/sensors-routes';

export const handler = httpHandler(sensorRoutes.registerSensorPartner, async ({ params, body, principal }) => {
  const partner = await sensors.registerPartner(principal, params.siren, body);
  return created(partner, `/territories/${params.siren}/sensor-partners/${partner.id}`);
});
