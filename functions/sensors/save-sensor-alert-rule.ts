// PUT /territories/{siren}/sensor-alert-rules/{ruleId}
import { httpHandler, ok } from '../../shared/runtime/http';
import { parseDurationSeconds } from '../../shared/sensors/alerts';
import { sensorAlerts } from '../../shared/sensors/sensors-app';
import { sensorRoutes } from '../../shared/sensors/sensors-routes';

export const handler = httpHandler(sensorRoutes.saveSensorAlertRule, async ({ params, body, principal }) => {
  const { sensorId, type, silentFor, ...rule } = body;
  const scope = sensorId ? { sensorId } : { type: type! };
  const silentForSeconds = silentFor ? parseDurationSeconds(silentFor) : undefined;
  return ok(await sensorAlerts.saveRule(principal, params.siren, params.ruleId, { ...rule, scope, silentForSeconds }));
});
