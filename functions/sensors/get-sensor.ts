// GET /territories/{siren}/sensors/{sensorId}
import { httpHandler, ok } from '../../shared/runtime/http';
import { sensors } from '../../shared/sensors/sensors-app';
import { sensorRoutes } from '../../shared/sensors/sensors-routes';

export const handler = httpHandler(sensorRoutes.getSensor, async ({ params }) =>
  ok(await sensors.getSensor(params.siren, params.sensorId)),
);
