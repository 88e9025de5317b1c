// TEMP STUB (local runtime dev) — delete
import { sendMessages } from '../../shared/runtime/queue';
export const handler = async (event: unknown) => {
  await sendMessages('audit', [{ id: '1', body: JSON.stringify({ hello: event }) }]);
  return { relayed: 1, event };
};
