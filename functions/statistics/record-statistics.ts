// consumer recordStatistics: adds each report and sensor-alert event to the dashboards' counters, once
import { queueConsumer } from '../../shared/events/consumer';
import { logger } from '../../shared/runtime/logger';
import { statistics } from '../../shared/statistics/statistics-app';
import { consumerDeclarations } from '../../shared/wiring/consumers';

export const handler = queueConsumer(consumerDeclarations.recordStatistics, async (event) => {
  const outcome = await statistics.record(
    event.type === 'sensors.alert-opened'
      ? { id: event.id, territory: event.territory, type: event.type, data: event.data }
      : event.type === 'reports.status-changed'
        ? { id: event.id, territory: event.territory, type: event.type, data: event.data }
        : event.type === 'reports.filed'
          ? { id: event.id, territory: event.territory, type: 'reports.filed', data: event.data }
          : { id: event.id, territory: event.territory, type: 'reports.overdue', data: event.data },
  );
  // The event id again: records of a batch run in parallel and share the logger's appended keys.
  logger.info('Statistics recorded', { eventId: event.id, outcome });
});
