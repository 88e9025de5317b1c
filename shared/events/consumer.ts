/**
 * Builds a queue consumer's Lambda handler: each SQS record carries one domain event, parsed at
 * this edge with the definitions the consumer subscribes to (shared/wiring/consumers.ts), so the
 * handler receives typed, checked data. Records that fail — a poison record that does not parse
 * included — are reported as partial batch failures: SQS retries only them and, after the declared
 * number of receives, moves them to the DLQ without holding back the rest.
 *
 * Idempotency: SQS delivers at least once, so a consumer's effect must be keyed by the event id
 * (a conditional Put on a key holding the event id, or a "consumed" marker written in the same
 * transaction as the effect).
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import type { ConsumerDeclaration } from '../wiring/types';
import { logger, withRecordKeys } from '../runtime/logger';
import { publishMetrics } from '../runtime/metrics';
import { inHandlerSubsegment } from '../runtime/tracing';
import { definitionFor, DomainEventEnvelope, type EventOf } from './domain-event';

/** A record that is not an event this consumer subscribes to: it will never succeed, whatever the retries. */
export class PoisonRecordError extends Error {}

const parseRecord = <C extends ConsumerDeclaration>(consumer: C, record: SQSRecord) => {
  let json: unknown;
  try {
    json = JSON.parse(record.body);
  } catch {
    throw new PoisonRecordError(`record ${record.messageId} is not JSON`);
  }
  const envelope = DomainEventEnvelope.safeParse(json);
  const type = (json as { type?: unknown } | null)?.type;
  if (!envelope.success) {
    throw new PoisonRecordError(
      `record ${record.messageId} (type ${String(type)}) is not a domain event: ${envelope.error.message}`,
    );
  }
  const definition = definitionFor(consumer.subscribes, envelope.data.type);
  if (!definition) throw new PoisonRecordError(`${consumer.id} does not subscribe to ${envelope.data.type}`);
  const data = definition.data.safeParse(envelope.data.data);
  if (!data.success) {
    throw new PoisonRecordError(
      `${envelope.data.type} event ${envelope.data.id} has data that does not parse: ${data.error.message}`,
    );
  }
  return { ...envelope.data, data: data.data } as EventOf<C['subscribes'][number]>;
};

export const queueConsumer = <const C extends ConsumerDeclaration>(
  consumer: C,
  handle: (event: EventOf<C['subscribes'][number]>) => Promise<unknown>,
) => {
  const processor = new BatchProcessor(EventType.SQS);
  const handleRecord = (record: SQSRecord) =>
    withRecordKeys({ consumer: consumer.id, messageId: record.messageId }, async () => {
      try {
        const event = parseRecord(consumer, record);
        await withRecordKeys({ eventId: event.id, eventType: event.type }, () => handle(event));
      } catch (error) {
        if (error instanceof PoisonRecordError)
          logger.error('poison record: left to the DLQ', { reason: error.message });
        throw error;
      }
    });
  return async (event: SQSEvent, context: Context) => {
    logger.addContext(context);
    return inHandlerSubsegment(async () => {
      try {
        return await processPartialResponse(event, handleRecord, processor, { context });
      } finally {
        publishMetrics();
      }
    });
  };
};
