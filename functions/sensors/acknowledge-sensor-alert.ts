// POST /territories/{siren}/sensor-alerts/{alertId}/acknowledge
import { httpHandler, ok } from '../../shared/runtime/http';
import { sensorAlerts } from '../../shared/sensors/sensors-app';
import { sensorRoutes } from '../../shared/sensors/sensors-routes';

export const handler = httpHandler(sensorRoutes.acknowledgeSensorAlert, async ({ params, body, principal }) =>
  ok(await sensorAlerts.acknowledge(principal, params.siren, params.alertId, body.note)),
);
