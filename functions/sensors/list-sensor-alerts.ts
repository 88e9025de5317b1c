// GET /territories/{siren}/sensor-alerts?state=open|acknowledged|closed
import { httpHandler, ok } from '../../shared/runtime/http';
import { sensorAlerts } from '../../shared/sensors/sensors-app';
import { sensorRoutes } from '../../shared/sensors/sensors-routes';

export const handler = httpHandler(sensorRoutes.listSensorAlerts, async ({ params, query, principal }) =>
  ok(await sensorAlerts.listAlerts(principal, params.siren, query.state, query.limit, query.cursor)),
);
