// consumer notifyBodyManagers: e-mails a body's managers, once, when one of its reports goes past due
import { queueConsumer } from '../../shared/events/consumer';
import { notifications } from '../../shared/notifications/notifications-app';
import { logger } from '../../shared/runtime/logger';
import { consumerDeclarations } from '../../shared/wiring/consumers';

export const handler = queueConsumer(consumerDeclarations.notifyBodyManagers, async (event) => {
  logger.info('Body managers told of an overdue report', {
    eventId: event.id,
    ...(await notifications.notifyBodyManagers(event)),
  });
});
