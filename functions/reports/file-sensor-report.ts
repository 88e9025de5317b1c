// consumer fileSensorReport: a sensor alert's request for a report, de-duplicated against open ones nearby
import { queueConsumer } from '../../shared/events/consumer';
import { reports } from '../../shared/reports/reports-app';
import { logger } from '../../shared/runtime/logger';
import { consumerDeclarations } from '../../shared/wiring/consumers';

interface ReportRequest {
  readonly alertId: string;
  readonly category: string;
  readonly location: { readonly lat: number; readonly lon: number };
  readonly description: string;
  readonly dedup: { readonly radiusMeters: number };
}

export const handler = queueConsumer(consumerDeclarations.fileSensorReport, async (event) => {
  const request = event.data as ReportRequest;
  const outcome = await reports.fileFromSensor(event.territory, {
    ...request,
    radiusMeters: request.dedup.radiusMeters,
  });
  logger.info('Sensor report request handled', { eventId: event.id, ...outcome });
});
