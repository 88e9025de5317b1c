// consumer notifyReportFollowers: e-mails each follower of a report that changed status or was re-routed, once
import { queueConsumer } from '../../shared/events/consumer';
import { notifications } from '../../shared/notifications/notifications-app';
import { logger } from '../../shared/runtime/logger';
import { consumerDeclarations } from '../../shared/wiring/consumers';

export const handler = queueConsumer(consumerDeclarations.notifyReportFollowers, async (event) => {
  // The event id again: records of a batch run in parallel and share the logger's appended keys.
  logger.info('Report followers notified', {
    eventId: event.id,
    ...(await notifications.notifyReportFollowers(event)),
  });
});
