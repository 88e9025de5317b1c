// DELETE /territories/{siren}/sensor-alert-rules/{ruleId}
import { httpHandler, noContent } from '../../shared/runtime/http';
import { sensorAlerts } from '../../shared/sensors/sensors-app';
import { sensorRoutes } from '../../shared/sensors/sensors-routes';

export const handler = httpHandler(sensorRoutes.deleteSensorAlertRule, async ({ params, principal }) => {
  await sensorAlerts.deleteRule(principal, params.siren, params.ruleId);
  return noContent();
});
