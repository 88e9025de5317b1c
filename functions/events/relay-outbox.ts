// schedule relayOutbox: sends events a handler committed but could not dispatch
import { relayPending } from '../../shared/events/outbox';
import { logger } from '../../shared/runtime/logger';

/** Events younger than this are still being dispatched by the handler that wrote them. */
const GRACE_SECONDS = 30;

export const handler = async (): Promise<{ relayed: number }> => {
  const relayed = await relayPending(GRACE_SECONDS);
  if (relayed > 0) logger.info('relayed pending events', { relayed });
  return { relayed };
};
