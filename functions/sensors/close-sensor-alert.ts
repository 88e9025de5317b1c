// POST /territories/{siren}/sensor-alerts/{alertId}/close
import { httpHandler, ok } from '../../shared/runtime/http';
import { sensorAlerts } from '../../shared/sensors/sensors-app';
import { sensorRoutes } from '../../shared/sensors/sensors-routes';

export const handler = httpHandler(sensorRoutes.closeSensorAlert, async ({ params, body, principal }) =>
  ok(await sensorAlerts.close(principal, params.siren, params.alertId, body.note)),
);
