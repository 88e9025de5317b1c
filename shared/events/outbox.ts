/**
 * Transactional outbox: a state change and the events announcing it are written in ONE DynamoDB
 * transaction, so neither exists without the other. Right after the commit the writer dispatches
 * the events to their queues and marks them sent; if it dies in between, the `relayOutbox`
 * schedule finds them still pending and sends them. Delivery is therefore at least once, and
 * every consumer is idempotent by event id (see consumer.ts).
 *
 * Access patterns
 * - write an event with its state change:  Put pk=OUTBOX#<eventId>, sk=EVENT (in the transaction)
 * - list pending events, oldest first:      Query gsi1 gsi1pk=OUTBOX#PENDING (sparse: removed once sent)
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, INDEXES, TABLE_NAME, TTL_ATTRIBUTE, type TransactItem } from '../runtime/dynamo';
import { ConflictError } from '../kernel/errors';
import { logger } from '../runtime/logger';
import { onFirstUse } from '../runtime/on-first-use';
import { sendMessages } from '../runtime/queue';
import { matchesSubscription, type DomainEvent } from './domain-event';

export type { TransactItem } from '../runtime/dynamo';

const PENDING = 'OUTBOX#PENDING';
const OUTBOX_RETENTION_SECONDS = 14 * 24 * 3600;

const outboxPut = (event: DomainEvent): TransactItem => ({
  Put: {
    TableName: TABLE_NAME,
    Item: {
      pk: `OUTBOX#${event.id}`,
      sk: 'EVENT',
      gsi1pk: PENDING,
      gsi1sk: `${event.occurredAt}#${event.id}`,
      event,
      [TTL_ATTRIBUTE]: Math.floor(Date.parse(event.occurredAt) / 1000) + OUTBOX_RETENTION_SECONDS,
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/**
 * The consumers' wiring, imported on the first dispatch (onFirstUse): it declares every context's
 * events with their schemas, which a function that only reads would otherwise build for nothing.
 */
const wiring = onFirstUse(() => import('../wiring/consumers'));

/** The queues whose consumers subscribe to each event's type, by event id. */
const queuesOf = async (events: readonly DomainEvent[]): Promise<Map<string, string[]>> => {
  const { consumers } = await wiring();
  return new Map(
    events.map((event) => [
      event.id,
      consumers.filter((c) => c.subscribes.some((s) => matchesSubscription(event.type, s.type))).map((c) => c.queue),
    ]),
  );
};

/** The update marking an event sent. */
const markedSent = (event: DomainEvent) => {
  const byCitizen = event.actor?.role === 'citizen';
  return {
    TableName: TABLE_NAME,
    Key: { pk: `OUTBOX#${event.id}`, sk: 'EVENT' },
    // Sent, the event is kept 14 days without a citizen's subject: an erasure cannot find it here.
    UpdateExpression: `REMOVE gsi1pk, gsi1sk${byCitizen ? ', #event.#actor.#sub' : ''} SET dispatchedAt = :now`,
    ConditionExpression: 'attribute_exists(pk)',
    ...(byCitizen ? { ExpressionAttributeNames: { '#event': 'event', '#actor': 'actor', '#sub': 'sub' } } : {}),
    ExpressionAttributeValues: { ':now': new Date().toISOString() },
  };
};

/**
 * Sends each event to its queues, then marks it sent. Throws if a queue refused. `together` (a
 * bulk load's many events): sent queue by queue, ten a message batch, then marked sent in one
 * transaction — a disk-backed DynamoDB Local commits it at once, where each update is a commit
 * (in AWS a transaction costs twice the WCUs: the product's own writes do not ask for it).
 */
export const dispatch = async (
  events: readonly DomainEvent[],
  { together = false }: { readonly together?: boolean } = {},
): Promise<void> => {
  if (events.length === 0) return;
  const queues = await queuesOf(events);
  if (together && events.length > 1) {
    const byQueue = new Map<string, DomainEvent[]>();
    for (const event of events) {
      for (const queue of queues.get(event.id)!) byQueue.set(queue, [...(byQueue.get(queue) ?? []), event]);
    }
    for (const [queue, sent] of byQueue) {
      await sendMessages(
        queue,
        sent.map((event) => ({ id: event.id, body: JSON.stringify(event) })),
      );
    }
    await dynamo.send(
      new TransactWriteCommand({ TransactItems: events.map((event) => ({ Update: markedSent(event) })) }),
    );
    return;
  }
  for (const event of events) {
    for (const queue of queues.get(event.id)!) {
      await sendMessages(queue, [{ id: event.id, body: JSON.stringify(event) }]);
    }
    await dynamo.send(new UpdateCommand(markedSent(event)));
  }
};

/**
 * Commits the state change and its events together (at most 100 items, DynamoDB's limit), then
 * dispatches the events. A failed condition is a ConflictError. A failed dispatch is logged, not thrown: the change is committed and the
 * relay will deliver.
 */
export const commitWithEvents = async (
  items: readonly TransactItem[],
  events: readonly DomainEvent[],
  options: { readonly dispatchTogether?: boolean } = {},
): Promise<void> => {
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: [...items, ...events.map(outboxPut)] }));
  } catch (error) {
    // A condition of the change failed: someone else changed the item since it was read.
    if (
      error instanceof TransactionCanceledException &&
      error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')
    ) {
      throw new ConflictError('It changed meanwhile: read it again and retry', { cause: error });
    }
    throw error;
  }
  await dispatch(events, { together: options.dispatchTogether }).catch((error: unknown) =>
    logger.warn('events committed but not dispatched; the outbox relay will send them', { error: error as Error }),
  );
};

/** Sends events still pending, oldest first. Returns how many were sent. */
export const relayPending = async (olderThanSeconds: number, limit = 100): Promise<number> => {
  const before = new Date(Date.now() - olderThanSeconds * 1000).toISOString();
  const { Items = [] } = await dynamo.send(
    new QueryCommand({
      TableName: TABLE_NAME,
      IndexName: INDEXES.gsi1,
      KeyConditionExpression: 'gsi1pk = :pending AND gsi1sk < :before',
      ExpressionAttributeValues: { ':pending': PENDING, ':before': before },
      Limit: limit,
    }),
  );
  const events = Items.map((item) => item.event as DomainEvent);
  await dispatch(events);
  return events.length;
};
