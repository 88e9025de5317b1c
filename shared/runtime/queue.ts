/**
 * Sends messages to the platform's queues. The same SQS client runs in AWS and on one machine,
 * where QUEUE_URLS point at the local runtime's SQS-compatible endpoint. The client
 * (sqs-queue.ts) is imported on the first send: most functions that may send never do on a
 * given request (a page, a list), and do not build it at every cold start.
 */
import { config } from './config';
import { onFirstUse } from './on-first-use';

const sqsQueue = onFirstUse(() => import('./sqs-queue'));

export const queueUrl = (queue: string): string => {
  const url = config.queueUrls[queue];
  if (!url) throw new Error(`No URL configured for queue ${queue} (QUEUE_URLS)`);
  return url;
};

export interface OutgoingMessage {
  readonly id: string;
  readonly body: string;
  /** Hidden from consumers this long after it is sent (0–900). @default 0 */
  readonly delaySeconds?: number;
}

/** Sends up to 10 messages per call; throws if any is refused, so the caller can retry. */
export const sendMessages = async (queue: string, messages: readonly OutgoingMessage[]): Promise<void> =>
  (await sqsQueue()).sendMessages(queue, messages);
