/** The SQS adapter of queue.ts: imported on the first send. */
import { SQSClient, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { config } from './config';
import { queueUrl, type OutgoingMessage } from './queue';
import { traceAwsCalls } from './tracing';

const sqs = traceAwsCalls(
  new SQSClient({
    region: config.region,
    ...(config.sqsEndpoint
      ? { endpoint: config.sqsEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  }),
);

/** Sends up to 10 messages per call; throws if any is refused, so the caller can retry. */
export const sendMessages = async (queue: string, messages: readonly OutgoingMessage[]): Promise<void> => {
  for (let start = 0; start < messages.length; start += 10) {
    const chunk = messages.slice(start, start + 10);
    const result = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl(queue),
        Entries: chunk.map((m, i) => ({
          Id: String(i),
          MessageBody: m.body,
          ...(m.delaySeconds ? { DelaySeconds: m.delaySeconds } : {}),
        })),
      }),
    );
    if (result.Failed && result.Failed.length > 0) {
      throw new Error(`Queue ${queue} refused ${result.Failed.length} message(s): ${result.Failed[0]?.Message ?? ''}`);
    }
  }
};
