/**
 * Builds the observation writer's Lambda handler, on the pattern of events/consumer.ts, for SQS
 * records that each carry one accepted batch (not a domain event), parsed here with its schema.
 *
 * The readable batches of one invocation are merged and written together: one writer per rollup in
 * this invocation (no transaction of ours competes with another of ours), and fuller transactions.
 * A record that does not parse is a poison message: it alone is reported failed, so SQS retries it
 * and, after the declared number of receives, moves it to the DLQ without holding back the rest.
 * If the merged write fails, the batches are written again one by one through Powertools'
 * BatchProcessor, so that a batch that cannot be written fails alone too. Writing is idempotent
 * (observation-store.ts): writing a batch again is always safe. The log keys of a record (or of a
 * merged write) are on its lines only; the invocation's metrics are published when it ends.
 * A point the store cannot hold is set aside by the use case and the rest written; a readable
 * message that fails on its last receive (the store kept failing) is handed to `giveUp` before SQS
 * moves it to the DLQ, so the territory's admins see it and can re-drive it.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger, withRecordKeys } from '../runtime/logger';
import { publishMetrics } from '../runtime/metrics';
import type { ConsumerDeclaration } from '../wiring/types';
import { groupBy, ObservationBatch, RollupInvalidation } from './sensors';

const parse = (record: SQSRecord): ObservationBatch => ObservationBatch.parse(JSON.parse(record.body));

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
  giveUp?: (batch: ObservationBatch, reason: string) => Promise<void>,
) => {
  const processor = new BatchProcessor(EventType.SQS);
  const recordKeys = (record: SQSRecord) => ({ consumer: consumer.id, messageId: record.messageId });
  const failed = (record: SQSRecord, error: unknown) =>
    logger.error('observation batch failed', {
      receiveCount: record.attributes.ApproximateReceiveCount,
      error: error as Error,
    });
  const lastReceive = (record: SQSRecord) =>
    Number(record.attributes.ApproximateReceiveCount) >= consumer.maxReceiveCount;
  const oneByOne = (record: SQSRecord) =>
    withRecordKeys(recordKeys(record), async () => {
      let batch: ObservationBatch | undefined;
      try {
        batch = parse(record);
        await handle(batch);
      } catch (error) {
        failed(record, error);
        if (batch && giveUp && lastReceive(record)) {
          const reason = `Not written after ${record.attributes.ApproximateReceiveCount} attempts: ${
            error instanceof Error ? `${error.name}: ${error.message}` : String(error)
          }`.slice(0, 500);
          await giveUp(batch, reason).catch((recordError: unknown) =>
            logger.error('could not record the message given up on', { error: recordError as Error }),
          );
        }
        throw error;
      }
    });

  const run = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const readable: { record: SQSRecord; batch: ObservationBatch }[] = [];
    const poison: SQSRecord[] = [];
    for (const record of event.Records) {
      await withRecordKeys(recordKeys(record), async () => {
        try {
          readable.push({ record, batch: parse(record) });
        } catch (error) {
          failed(record, error);
          poison.push(record);
        }
      });
    }
    if (readable.length > 1) {
      try {
        // One partner's batches together, so whatever is set aside names its partner.
        for (const sameTerritory of groupBy(readable, (r) => `${r.batch.territory}|${r.batch.partnerId}`).values()) {
          const territory = sameTerritory[0]!.batch.territory;
          const keys = { consumer: consumer.id, territory, mergedMessages: String(sameTerritory.length) };
          await withRecordKeys(keys, () => handle(merged(sameTerritory.map((r) => r.batch))));
        }
        return { batchItemFailures: poison.map((record) => ({ itemIdentifier: record.messageId })) };
      } catch (error) {
        logger.warn('merged observation batches failed; writing them one by one', { error: error as Error });
      }
    }
    return processPartialResponse(event, oneByOne, processor, { context });
  };

  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    logger.addContext(context);
    try {
      return await run(event, context);
    } finally {
      publishMetrics();
    }
  };
};

/**
 * Builds the rollups materializer's handler: each SQS record carries the hours one write marked
 * dirty (not a domain event). The readable records of an invocation are handled together (an hour
 * several of them name is recomputed once); a record that does not parse fails alone and reaches
 * the DLQ after its receives. If the merged work fails, every readable record fails with it: SQS
 * delivers them again (recomputing is idempotent, and an hour done already is skipped).
 */
export const rollupInvalidationConsumer = (
  consumer: ConsumerDeclaration,
  handle: (invalidations: readonly RollupInvalidation[]) => Promise<unknown>,
) => {
  const run = async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const readable: { record: SQSRecord; invalidation: RollupInvalidation }[] = [];
    const failures: SQSRecord[] = [];
    for (const record of event.Records) {
      try {
        readable.push({ record, invalidation: RollupInvalidation.parse(JSON.parse(record.body)) });
      } catch (error) {
        await withRecordKeys({ consumer: consumer.id, messageId: record.messageId }, async () =>
          logger.error('poison record: left to the DLQ', { error: error as Error }),
        );
        failures.push(record);
      }
    }
    if (readable.length > 0) {
      try {
        await withRecordKeys({ consumer: consumer.id, mergedMessages: String(readable.length) }, () =>
          handle(readable.map((r) => r.invalidation)),
        );
      } catch (error) {
        logger.error('rollups not materialized; the messages will come again', { error: error as Error });
        failures.push(...readable.map((r) => r.record));
      }
    }
    return { batchItemFailures: failures.map((record) => ({ itemIdentifier: record.messageId })) };
  };

  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    logger.addContext(context);
    try {
      return await run(event);
    } finally {
      publishMetrics();
    }
  };
};
