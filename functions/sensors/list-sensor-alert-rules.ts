// GET /territories/{siren}/sensor-alert-rules
import { httpHandler, ok } from '../../shared/runtime/http';
import { sensorAlerts } from '../../shared/sensors/sensors-app';
import { sensorRoutes } from '../../shared/sensors/sensors-routes';

export const handler = httpHandler(sensorRoutes.listSensorAlertRules, async ({ params, principal }) =>
  ok({ items: await sensorAlerts.listRules(principal, params.siren) }),
);
