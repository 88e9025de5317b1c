// schedule detectSilentSensors: opens FROZEN alerts for sensors silent longer than their rule allows
import { logger } from '../../shared/runtime/logger';
import { sensorAlerts } from '../../shared/sensors/sensors-app';

export const handler = async (): Promise<{ checked: number; opened: number }> => {
  const result = await sensorAlerts.detectSilentSensors();
  if (result.opened > 0) logger.info('silent sensors detected', result);
  return result;
};
