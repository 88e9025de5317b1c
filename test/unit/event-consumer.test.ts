/**
 * The consumer edge (shared/events/consumer.ts): every record is parsed with the definitions the
 * consumer subscribes to; one that does not parse fails alone (a partial batch failure, so SQS
 * sends it to the DLQ after its receives) and the log names its type.
 */
import { jest } from '@jest/globals';
import type { Context, SQSEvent } from 'aws-lambda';
import * as z from 'zod';
import { queueConsumer } from '../../shared/events/consumer';
import { defineEvent, newEvent } from '../../shared/events/domain-event';
import { logger } from '../../shared/runtime/logger';
import { defineConsumer } from '../../shared/wiring/define';

const thingMoved = defineEvent('things.moved', z.object({ thingId: z.string(), to: z.number().int() }));
const consumer = defineConsumer({
  id: 'moveThings',
  queue: 'things',
  handler: 'functions/test/move-things.ts',
  subscribes: [thingMoved],
  batchSize: 10,
  maxReceiveCount: 3,
  visibilityTimeoutSeconds: 30,
  table: 'none',
});
const clock = { now: () => new Date('2026-11-30T10:00:00Z') };
const moved = (thingId: string, to: number) =>
  newEvent(clock, thingMoved, { territory: '243100518', subject: `thing/${thingId}`, data: { thingId, to } });

const records = (...bodies: string[]): SQSEvent => ({
  Records: bodies.map((body, i) => ({
    messageId: `m${i}`,
    receiptHandle: `r${i}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '0',
      SenderId: 's',
      ApproximateFirstReceiveTimestamp: '0',
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-3:000000000000:things',
    awsRegion: 'eu-west-3',
  })),
});
const context = { functionName: 'moveThings', awsRequestId: 'req' } as Context;

describe('a queue consumer', () => {
  let errors: string[];
  beforeEach(() => {
    errors = [];
    jest.spyOn(logger, 'error').mockImplementation((message, ...extra) => {
      errors.push(`${String(message)} ${JSON.stringify(extra)}`);
    });
  });
  afterEach(() => jest.restoreAllMocks());

  it('hands the handler parsed, typed data', async () => {
    const seen: number[] = [];
    const handler = queueConsumer(consumer, async (event) => {
      seen.push(event.data.to);
    });
    const result = await handler(records(JSON.stringify(moved('a', 3)), JSON.stringify(moved('b', 4))), context);
    expect(result.batchItemFailures).toEqual([]);
    expect(seen).toEqual([3, 4]);
  });

  it('fails a record whose data does not parse alone, and logs its type', async () => {
    const seen: string[] = [];
    const handler = queueConsumer(consumer, async (event) => {
      seen.push(event.data.thingId);
    });
    const bad = { ...moved('b', 4), data: { thingId: 'b', to: 'far away' } };
    const result = await handler(
      records(JSON.stringify(moved('a', 3)), JSON.stringify(bad), JSON.stringify(moved('c', 5))),
      context,
    );
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm1' }]);
    expect(seen).toEqual(['a', 'c']);
    expect(errors.join('\n')).toContain('things.moved');
  });

  it('fails a record of a type it does not subscribe to, and one that is not JSON', async () => {
    const handler = queueConsumer(consumer, async () => {});
    const other = { ...moved('a', 3), type: 'things.painted' };
    const result = await handler(records(JSON.stringify(other), '{not json', JSON.stringify(moved('b', 1))), context);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm0' }, { itemIdentifier: 'm1' }]);
    expect(errors.join('\n')).toContain('things.painted');
  });

  it('removes the keys of a record from the log once the record is done', async () => {
    const handler = queueConsumer(consumer, async () => {});
    await handler(records(JSON.stringify(moved('a', 3))), context);
    const keys = logger.getPersistentLogAttributes();
    expect(Object.keys(keys)).not.toEqual(expect.arrayContaining(['eventId']));
  });
});

describe('newEvent', () => {
  it('refuses a type outside its definition', () => {
    const family = defineEvent('things.*', z.object({}));
    expect(() =>
      newEvent(clock, family, { type: 'other.thing' as 'things.x', territory: 't', subject: 's', data: {} }),
    ).toThrow('other.thing');
  });
});
