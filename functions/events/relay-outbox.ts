// schedule relayOutbox: sends events a handler committed but could not dispatch
import { relayPending } from '../../shared/events/outbox';
import { scheduledHandler } from '../../shared/runtime/scheduled';

/** Events younger than this are still being dispatched by the handler that wrote them. */
const GRACE_SECONDS = 30;

export const handler = scheduledHandler(
  'relayed pending events',
  async () => ({ relayed: await relayPending(GRACE_SECONDS) }),
  ({ relayed }) => relayed > 0,
);
