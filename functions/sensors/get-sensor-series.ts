// GET /territories/{siren}/sensors/{sensorId}/series?property=&resolution=raw|hour|day&from=&to=
import { httpHandler, ok } from '../../shared/runtime/http';
import { sensors } from '../../shared/sensors/sensors-app';
import { sensorRoutes } from '../../shared/sensors/sensors-routes';

export const handler = httpHandler(sensorRoutes.getSensorSeries, async ({ params, query }) =>
  ok(
    await sensors.series(params.siren, params.sensorId, query.property, {
      resolution: query.resolution,
      ...(query.from ? { from: new Date(query.from) } : {}),
      ...(query.to ? { to: new Date(query.to) } : {}),
      limit: query.limit,
      cursor: query.cursor,
    }),
  ),
);
