// PUT /territories/{siren}/sensors/{sensorId}
import { httpHandler, ok } from '../../shared/runtime/http';
import { sensors } from '../../shared/sensors/sensors-app';
import { sensorRoutes } from '../../shared/sensors/sensors-routes';

export const handler = httpHandler(sensorRoutes.saveSensor, async ({ params, body, principal }) =>
  ok(await sensors.saveSensor(principal, params.siren, params.sensorId, body)),
);
