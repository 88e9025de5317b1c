// schedule detectSilentSensors: opens FROZEN alerts for sensors silent longer than their rule allows
import { logger } from '../../shared/runtime/logger';
import { count, publishMetrics } from '../../shared/runtime/metrics';
import { sensorAlerts } from '../../shared/sensors/sensors-app';

export const handler = async (): Promise<{ checked: number; opened: number }> => {
  try {
    const result = await sensorAlerts.detectSilentSensors();
    if (result.opened > 0) logger.info('silent sensors detected', result);
    count('AlertsOpened', result.opened);
    return result;
  } finally {
    publishMetrics();
  }
};
