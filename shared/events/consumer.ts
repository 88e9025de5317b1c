/**
 * Builds a queue consumer's Lambda handler: each SQS record carries one domain event; records
 * that fail are reported as partial batch failures, so SQS retries only them and, after the
 * declared number of receives, moves them to the DLQ without holding back the rest.
 *
 * Idempotency: SQS delivers at least once, so a consumer's effect must be keyed by the event id
 * (a conditional Put on a key holding the event id, or a "consumed" marker written in the same
 * transaction as the effect).
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import type { ConsumerDeclaration } from '../wiring/types';
import { logger } from '../runtime/logger';
import type { DomainEvent } from './domain-event';

export const queueConsumer = (consumer: ConsumerDeclaration, handle: (event: DomainEvent) => Promise<void>) => {
  const processor = new BatchProcessor(EventType.SQS);
  const handleRecord = async (record: SQSRecord) => {
    const event = JSON.parse(record.body) as DomainEvent;
    logger.appendKeys({ consumer: consumer.id, eventId: event.id, eventType: event.type });
    await handle(event);
  };
  return async (event: SQSEvent, context: Context) =>
    processPartialResponse(event, handleRecord, processor, { context });
};
