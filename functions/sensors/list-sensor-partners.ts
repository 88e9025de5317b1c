// GET /territories/{siren}/sensor-partners
import { httpHandler, ok } from '../../shared/runtime/http';
import { sensors } from '../../shared/sensors/sensors-app';
import { sensorRoutes } from '../../shared/sensors/sensors-routes';

export const handler = httpHandler(sensorRoutes.listSensorPartners, async ({ params, principal }) =>
  ok({ items: await sensors.listPartners(principal, params.siren) }),
);
