/**
 * Builds the observation writer's Lambda handler, on the pattern of events/consumer.ts, for SQS
 * records that each carry one accepted batch (not a domain event).
 *
 * The readable batches of one invocation are merged and written together: one writer per rollup in
 * this invocation (no transaction of ours competes with another of ours), and fuller transactions.
 * A record that does not parse is a poison message: it alone is reported failed, so SQS retries it
 * and, after the declared number of receives, moves it to the DLQ without holding back the rest.
 * If the merged write fails, the batches are written again one by one through Powertools'
 * BatchProcessor, so that a batch that cannot be written fails alone too. Writing is idempotent
 * (observation-store.ts): writing a batch again is always safe.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger } from '../runtime/logger';
import type { ConsumerDeclaration } from '../wiring/types';
import { ObservationBatchMessage } from './sensors-schemas';
import { groupBy, type ObservationBatch } from './sensors';

const parse = (record: SQSRecord): ObservationBatch => ObservationBatchMessage.parse(JSON.parse(record.body));

const merged = (batches: readonly ObservationBatch[]): ObservationBatch => ({
  territory: batches[0]!.territory,
  partnerId: batches[0]!.partnerId,
  batchId: batches.map((b) => b.batchId).join('+'),
  receivedAt: batches[0]!.receivedAt,
  observations: batches.flatMap((b) => b.observations),
});

export const observationBatchConsumer = (
  consumer: ConsumerDeclaration,
  handle: (batch: ObservationBatch) => Promise<unknown>,
) => {
  const processor = new BatchProcessor(EventType.SQS);
  const failed = (record: SQSRecord, error: unknown) =>
    logger.error('observation batch failed', {
      consumer: consumer.id,
      messageId: record.messageId,
      receiveCount: record.attributes.ApproximateReceiveCount,
      error: error as Error,
    });
  const oneByOne = async (record: SQSRecord) => {
    try {
      await handle(parse(record));
    } catch (error) {
      failed(record, error);
      throw error;
    }
  };

  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const readable: { record: SQSRecord; batch: ObservationBatch }[] = [];
    const poison: SQSRecord[] = [];
    for (const record of event.Records) {
      try {
        readable.push({ record, batch: parse(record) });
      } catch (error) {
        failed(record, error);
        poison.push(record);
      }
    }
    if (readable.length > 1) {
      try {
        for (const sameTerritory of groupBy(readable, (r) => r.batch.territory).values())
          await handle(merged(sameTerritory.map((r) => r.batch)));
        return { batchItemFailures: poison.map((record) => ({ itemIdentifier: record.messageId })) };
      } catch (error) {
        logger.warn('merged observation batches failed; writing them one by one', { error: error as Error });
      }
    }
    return processPartialResponse(event, oneByOne, processor, { context });
  };
};
