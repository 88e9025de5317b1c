// GET /territories/{siren}/sensors?type=&commune=&bbox=west,south,east,north
import { httpHandler, ok } from '../../shared/runtime/http';
import { sensors } from '../../shared/sensors/sensors-app';
import { sensorRoutes } from '../../shared/sensors/sensors-routes';

export const handler = httpHandler(sensorRoutes.listSensors, async ({ params, query }) => {
  const { limit, cursor, ...filter } = query;
  return ok(await sensors.listSensors(params.siren, filter, limit, cursor));
});
