// consumer fileSensorReport: a sensor alert's request for a report, de-duplicated against open ones nearby
import { queueConsumer } from '../../shared/events/consumer';
import { reports } from '../../shared/reports/reports-app';
import { logger } from '../../shared/runtime/logger';
import { count } from '../../shared/runtime/metrics';
import { consumerDeclarations } from '../../shared/wiring/consumers';

export const handler = queueConsumer(consumerDeclarations.fileSensorReport, async ({ id, territory, data }) => {
  const outcome = await reports.fileFromSensor(territory, {
    alertId: data.alertId,
    category: data.category,
    location: data.location,
    description: data.description,
    radiusMeters: data.dedup.radiusMeters,
  });
  if (outcome.filed) count('ReportsFiled');
  logger.info('Sensor report request handled', { eventId: id, ...outcome });
});
