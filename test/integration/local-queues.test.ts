/** Durable local queues and their consumer pollers, on a real folder: SQS's delivery semantics. */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LambdaHandler } from '../../infra/local/handler-loader';
import { createConsumerPoller } from '../../infra/local/queues/consumer-poller';
import { LocalQueue } from '../../infra/local/queues/queue-store';

const consumer = {
  id: 'recordThings',
  handler: 'functions/things/record-things.ts',
  batchSize: 10,
  maxReceiveCount: 3,
  visibilityTimeoutSeconds: 30,
};

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'local-queue-'));
});

afterEach(() => rm(dir, { recursive: true, force: true }));

const openQueues = async () => ({
  queue: await LocalQueue.open('things', join(dir, 'things')),
  deadLetterQueue: await LocalQueue.open('things-dlq', join(dir, 'things-dlq')),
});

/** A poller whose failed messages come back at once (visibility timeout 0), calling `handler`. */
const pollerFor = (queues: Awaited<ReturnType<typeof openQueues>>, handler: LambdaHandler) =>
  createConsumerPoller({
    consumer,
    ...queues,
    loadHandler: async () => handler,
    pollIntervalMs: 10,
    visibilityTimeoutSeconds: 0,
  });

/** Records what each call received and answers with `respond`. */
const recordingHandler = (respond: (event: SQSEvent) => SQSBatchResponse | void = () => undefined) => {
  const calls: SQSEvent[] = [];
  const handler: LambdaHandler = async (event) => {
    calls.push(event as SQSEvent);
    return respond(event as SQSEvent);
  };
  return { calls, handler, bodies: () => calls.flatMap((call) => call.Records.map((r) => r.body)) };
};

const failing = (bodies: readonly string[]) => (event: SQSEvent) => ({
  batchItemFailures: event.Records.filter((r) => bodies.includes(r.body)).map((r) => ({ itemIdentifier: r.messageId })),
});

describe('a local queue', () => {
  it('delivers a message accepted before a crash once reopened from its folder', async () => {
    const beforeCrash = await LocalQueue.open('things', join(dir, 'things'));
    await beforeCrash.send({ body: 'accepted before the crash' });

    const afterRestart = await openQueues(); // the old object is simply dropped, as a killed process would
    const consumerAfterRestart = recordingHandler();
    await pollerFor(afterRestart, consumerAfterRestart.handler).pollOnce();

    expect(consumerAfterRestart.bodies()).toEqual(['accepted before the crash']);
  });

  it('hides a received message for the visibility timeout', async () => {
    const queue = await LocalQueue.open('things', join(dir, 'things'));
    await queue.send({ body: 'one' });

    await queue.receive(10, 30);

    expect(queue.depth()).toEqual({ visible: 0, inFlight: 1 });
    expect(await queue.receive(10, 30)).toEqual([]);
  });

  it('ignores a delete with the receipt handle of an earlier receive', async () => {
    const queue = await LocalQueue.open('things', join(dir, 'things'));
    await queue.send({ body: 'one' });
    const [first] = await queue.receive(10, 0);
    await queue.receive(10, 30);

    expect(await queue.delete(first!.receiptHandle!)).toBe(false);
    expect(queue.depth()).toEqual({ visible: 0, inFlight: 1 });
  });
});

describe('a consumer poller', () => {
  it('hands the handler a real SQS event', async () => {
    const queues = await openQueues();
    await queues.queue.send({ body: '{"id":"e1"}' });
    const consumerHandler = recordingHandler();

    await pollerFor(queues, consumerHandler.handler).pollOnce();

    expect(consumerHandler.calls[0]!.Records[0]).toMatchObject({
      messageId: expect.any(String),
      receiptHandle: expect.any(String),
      body: '{"id":"e1"}',
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: expect.stringMatching(/^\d{13}$/) },
      md5OfBody: '1ce42ce116e8203b463d68a7ac6aec7b', // printf '%s' '{"id":"e1"}' | md5sum
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-west-3:000000000000:things',
    });
  });

  it('delivers up to batchSize messages in one call and deletes them when the handler succeeds', async () => {
    const queues = await openQueues();
    for (let i = 0; i < 12; i++) await queues.queue.send({ body: `m${i}` });
    const consumerHandler = recordingHandler();

    await pollerFor(queues, consumerHandler.handler).pollOnce();

    expect(consumerHandler.calls[0]!.Records).toHaveLength(10);
    expect(queues.queue.depth()).toEqual({ visible: 2, inFlight: 0 });
  });

  it('redelivers only the message reported in batchItemFailures', async () => {
    const queues = await openQueues();
    for (const body of ['a', 'b', 'c']) await queues.queue.send({ body });
    const consumerHandler = recordingHandler(failing(['b']));
    const poller = pollerFor(queues, consumerHandler.handler);

    await poller.pollOnce();
    await poller.pollOnce();

    expect(consumerHandler.calls.map((call) => call.Records.map((r) => r.body))).toEqual([['a', 'b', 'c'], ['b']]);
    expect(consumerHandler.calls[1]!.Records[0]!.attributes.ApproximateReceiveCount).toBe('2');
  });

  it('redelivers the whole batch when the handler throws', async () => {
    const queues = await openQueues();
    for (const body of ['a', 'b']) await queues.queue.send({ body });
    let calls = 0;
    const poller = pollerFor(queues, async () => {
      calls++;
      throw new Error('consumer down');
    });

    await poller.pollOnce();

    expect(calls).toBe(1);
    expect(queues.queue.depth()).toEqual({ visible: 2, inFlight: 0 });
  });

  it('moves a message to the DLQ after maxReceiveCount failures while the rest of its batch is delivered', async () => {
    const queues = await openQueues();
    for (const body of ['ok-1', 'poison', 'ok-2']) await queues.queue.send({ body });
    const consumerHandler = recordingHandler(failing(['poison']));
    const poller = pollerFor(queues, consumerHandler.handler);

    for (let i = 0; i < consumer.maxReceiveCount + 1; i++) await poller.pollOnce();

    expect(consumerHandler.bodies().filter((b) => b === 'poison')).toHaveLength(consumer.maxReceiveCount);
    expect(consumerHandler.bodies().filter((b) => b.startsWith('ok'))).toEqual(['ok-1', 'ok-2']);
    expect(queues.queue.depth()).toEqual({ visible: 0, inFlight: 0 });
    expect(queues.deadLetterQueue.depth()).toEqual({ visible: 1, inFlight: 0 });
  });

  it('keeps the dead-lettered message in the DLQ folder across a restart', async () => {
    const queues = await openQueues();
    await queues.queue.send({ body: 'poison' });
    const poller = pollerFor(queues, recordingHandler(failing(['poison'])).handler);
    for (let i = 0; i < consumer.maxReceiveCount; i++) await poller.pollOnce();

    const reopened = await openQueues();

    expect(reopened.deadLetterQueue.depth().visible).toBe(1);
    expect(reopened.queue.depth()).toEqual({ visible: 0, inFlight: 0 });
  });

  it('polls on its own once started, until stopped', async () => {
    const queues = await openQueues();
    const consumerHandler = recordingHandler();
    const poller = pollerFor(queues, consumerHandler.handler);
    poller.start();

    await queues.queue.send({ body: 'while running' });
    await waitFor(() => consumerHandler.calls.length > 0);
    await poller.stop();

    expect(consumerHandler.bodies()).toEqual(['while running']);
  });
});

const waitFor = async (condition: () => boolean, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
