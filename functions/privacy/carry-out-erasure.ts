// consumer carryOutErasure: erases a citizen's data, every territory (a redelivery finishes an interrupted run)
import { queueConsumer } from '../../shared/events/consumer';
import { erasure } from '../../shared/privacy/privacy-app';
import { logger } from '../../shared/runtime/logger';
import { consumerDeclarations } from '../../shared/wiring/consumers';

export const handler = queueConsumer(consumerDeclarations.carryOutErasure, async (event) => {
  const removed = await erasure.erase(event.data);
  // Counts only: what was removed is not written anywhere, logs included.
  logger.info('Personal data erased', { eventId: event.id, removed: removed ?? 'nothing pending' });
});
