// schedule detectSilentSensors: opens FROZEN alerts for sensors silent longer than their rule allows
import { count } from '../../shared/runtime/metrics';
import { scheduledHandler } from '../../shared/runtime/scheduled';
import { sensorAlerts } from '../../shared/sensors/sensors-app';

export const handler = scheduledHandler(
  'silent sensors detected',
  async () => {
    const result = await sensorAlerts.detectSilentSensors();
    count('AlertsOpened', result.opened);
    return result;
  },
  ({ opened }) => opened > 0,
);
