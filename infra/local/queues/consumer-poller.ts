/**
 * What Lambda's SQS event source mapping does for one consumer: receive a batch, hand it to the
 * handler as an SQSEvent, delete what succeeded, leave what failed to come back after its
 * visibility timeout, and move a message to the dead-letter queue once it has been received
 * `maxReceiveCount` times without success. Partial batch failures (`batchItemFailures`) are
 * honoured; a throw fails the whole batch.
 */
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import type { ConsumerDeclaration } from '../../../shared/wiring/types';
import type { HandlerLoader } from '../handler-loader';
import { describeError } from '../describe-error';
import { createLambdaContext } from '../lambda-context';
import { md5OfBody, md5OfMessageAttributes } from './message-md5';
import type { LocalQueue, StoredMessage } from './queue-store';
import { SQS_ACCOUNT } from './sqs-endpoint';

export interface ConsumerPollerOptions {
  readonly consumer: Pick<
    ConsumerDeclaration,
    'id' | 'handler' | 'batchSize' | 'maxReceiveCount' | 'visibilityTimeoutSeconds'
  >;
  readonly queue: LocalQueue;
  readonly deadLetterQueue: LocalQueue;
  readonly loadHandler: HandlerLoader;
  /** Pause between polls of an empty queue. */
  readonly pollIntervalMs: number;
  /** Overrides the declared visibility timeout (tests make retries quick with it). */
  readonly visibilityTimeoutSeconds?: number;
  readonly region?: string;
  readonly log?: (line: string) => void;
}

export interface ConsumerPoller {
  /** Receives and processes one batch; resolves to the number of messages received. */
  pollOnce(): Promise<number>;
  /** Polls until stop(). */
  start(): void;
  /** Stops polling, after the batch in progress (if any) is settled. */
  stop(): Promise<void>;
}

const toRecord = (message: StoredMessage, queueArn: string, region: string): SQSRecord => {
  const attributesMd5 = md5OfMessageAttributes(message.messageAttributes);
  return {
    messageId: message.messageId,
    receiptHandle: message.receiptHandle!,
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(message.receiveCount),
      SentTimestamp: String(message.sentTimestamp),
      SenderId: SQS_ACCOUNT,
      ApproximateFirstReceiveTimestamp: String(message.firstReceiveTimestamp),
    },
    messageAttributes: Object.fromEntries(
      Object.entries(message.messageAttributes).map(([name, a]) => [
        name,
        {
          dataType: a.DataType,
          stringValue: a.StringValue,
          binaryValue: a.BinaryValue,
          stringListValues: [],
          binaryListValues: [],
        },
      ]),
    ),
    md5OfBody: md5OfBody(message.body),
    ...(attributesMd5 ? { md5OfMessageAttributes: attributesMd5 } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
};

/**
 * The ids of the messages that failed. Like Lambda, a response naming an id that is not in the
 * batch (or malformed) counts as a failure of the whole batch.
 */
const failedIds = (result: unknown, batch: readonly StoredMessage[]): Set<string> => {
  const all = new Set(batch.map((m) => m.messageId));
  const failures = (result as { batchItemFailures?: unknown } | null | undefined)?.batchItemFailures;
  if (failures === undefined || failures === null) return new Set();
  if (!Array.isArray(failures)) return all;
  const ids = failures.map((f: { itemIdentifier?: unknown } | null) => f?.itemIdentifier);
  return ids.every((id) => typeof id === 'string' && all.has(id)) ? new Set(ids as string[]) : all;
};

export const createConsumerPoller = (options: ConsumerPollerOptions): ConsumerPoller => {
  const { consumer, queue, deadLetterQueue } = options;
  const region = options.region ?? process.env.AWS_REGION ?? 'eu-west-3';
  const queueArn = `arn:aws:sqs:${region}:${SQS_ACCOUNT}:${queue.name}`;
  const visibilityTimeoutSeconds = options.visibilityTimeoutSeconds ?? consumer.visibilityTimeoutSeconds;
  const log = options.log ?? (() => {});

  const invoke = async (batch: readonly StoredMessage[]): Promise<Set<string>> => {
    try {
      const handler = await options.loadHandler(consumer.handler);
      const event: SQSEvent = { Records: batch.map((m) => toRecord(m, queueArn, region)) };
      const result = await handler(event, createLambdaContext(consumer.id, visibilityTimeoutSeconds * 1000, region));
      return failedIds(result, batch);
    } catch (error) {
      log(`${consumer.id} failed on a batch of ${batch.length}: ${describeError(error)}`);
      return new Set(batch.map((m) => m.messageId));
    }
  };

  const pollOnce = async (): Promise<number> => {
    const received = await queue.receive(consumer.batchSize, visibilityTimeoutSeconds);
    // Received more often than allowed (its last attempts failed while this runtime was down): SQS redrives it.
    const exhausted = received.filter((m) => m.receiveCount > consumer.maxReceiveCount);
    for (const message of exhausted) await queue.moveTo(deadLetterQueue, message.receiptHandle!);
    const batch = received.filter((m) => m.receiveCount <= consumer.maxReceiveCount);
    if (batch.length === 0) return received.length;

    const failed = await invoke(batch);
    for (const message of batch) {
      if (!failed.has(message.messageId)) await queue.delete(message.receiptHandle!);
      // SQS would move it at its next receive, after the visibility timeout; the outcome is the same, sooner.
      else if (message.receiveCount >= consumer.maxReceiveCount) {
        await queue.moveTo(deadLetterQueue, message.receiptHandle!);
        log(
          `${consumer.id}: message ${message.messageId} moved to ${deadLetterQueue.name} after ${message.receiveCount} receives`,
        );
      }
    }
    return received.length;
  };

  let running: Promise<void> | undefined;
  let stopped = false;
  let wake: (() => void) | undefined;

  const loop = async () => {
    while (!stopped) {
      const received = await pollOnce().catch((error: unknown) => {
        log(`${consumer.id}: polling ${queue.name} failed: ${error instanceof Error ? error.message : String(error)}`);
        return 0;
      });
      if (received === 0 && !stopped) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.pollIntervalMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  };

  return {
    pollOnce,
    start() {
      stopped = false;
      running ??= loop();
    },
    async stop() {
      stopped = true;
      wake?.();
      await running;
      running = undefined;
    },
  };
};
