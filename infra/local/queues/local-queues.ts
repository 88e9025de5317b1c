/**
 * The local queues of the declared consumers: one folder per queue and per dead-letter queue
 * under `<dataDir>/queues/`, the SQS-compatible endpoint the production adapter sends to, a poller
 * per consumer, and `GET /_local/queues` for their depths.
 */
import { join } from 'node:path';
import type { ConsumerDeclaration } from '../../../shared/wiring/types';
import type { HandlerLoader } from '../handler-loader';
import { jsonResponse, type LocalRoute } from '../local-http';
import { createConsumerPoller, type ConsumerPoller } from './consumer-poller';
import { LocalQueue } from './queue-store';
import { createSqsEndpoint, SQS_ACCOUNT } from './sqs-endpoint';

export interface LocalQueuesOptions {
  readonly consumers: readonly ConsumerDeclaration[];
  readonly dataDir: string;
  /** Where the gateway serves /_local/sqs, e.g. http://127.0.0.1:3000 */
  readonly baseUrl: string;
}

export interface PollerSettings {
  readonly loadHandler: HandlerLoader;
  readonly pollIntervalMs: number;
  readonly visibilityTimeoutSeconds?: number;
  readonly log?: (line: string) => void;
}

export interface LocalQueues {
  /** Logical queue name → queue URL, for QUEUE_URLS. */
  readonly queueUrls: Readonly<Record<string, string>>;
  /** For SQS_ENDPOINT. */
  readonly sqsEndpoint: string;
  readonly routes: readonly LocalRoute[];
  startPollers(settings: PollerSettings): void;
  stopPollers(): Promise<void>;
}

export const deadLetterQueueName = (queue: string): string => `${queue}-dlq`;

export const openLocalQueues = async (options: LocalQueuesOptions): Promise<LocalQueues> => {
  const names = [...new Set(options.consumers.map((c) => c.queue))];
  const queues = new Map<string, LocalQueue>();
  for (const name of names.flatMap((queue) => [queue, deadLetterQueueName(queue)])) {
    queues.set(name, await LocalQueue.open(name, join(options.dataDir, 'queues', name)));
  }
  const sqsEndpoint = `${options.baseUrl}/_local/sqs`;
  const queueUrl = (name: string) => `${sqsEndpoint}/${SQS_ACCOUNT}/${name}`;
  let pollers: ConsumerPoller[] = [];

  const depths: LocalRoute = {
    method: 'GET',
    path: '/_local/queues',
    handle: () =>
      jsonResponse(
        200,
        Object.fromEntries(
          names.map((name) => {
            const depth = queues.get(name)!.depth();
            const dlq = queues.get(deadLetterQueueName(name))!.depth();
            return [name, { visible: depth.visible, inFlight: depth.inFlight, dlq: dlq.visible + dlq.inFlight }];
          }),
        ),
      ),
  };

  return {
    queueUrls: Object.fromEntries(names.map((name) => [name, queueUrl(name)])),
    sqsEndpoint,
    routes: [createSqsEndpoint(queues, queueUrl), depths],
    startPollers(settings) {
      pollers = options.consumers.map((consumer) =>
        createConsumerPoller({
          consumer,
          queue: queues.get(consumer.queue)!,
          deadLetterQueue: queues.get(deadLetterQueueName(consumer.queue))!,
          ...settings,
        }),
      );
      for (const poller of pollers) poller.start();
    },
    async stopPollers() {
      await Promise.all(pollers.map((poller) => poller.stop()));
    },
  };
};
