/**
 * Builds the exporter's Lambda handler: each SQS record asks for one export (not a domain event),
 * parsed here with its schema. A record that does not parse is a poison message: it alone fails,
 * and reaches the DLQ after its receives. The declaration takes one record per invocation (an
 * export may take minutes); a failed export fails its record, so SQS retries it later.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger, withRecordKeys } from '../runtime/logger';
import { publishMetrics } from '../runtime/metrics';
import type { ConsumerDeclaration } from '../wiring/types';
import { ExportMessage } from './opendata';

export const exportConsumer = (consumer: ConsumerDeclaration, handle: (message: ExportMessage) => Promise<unknown>) => {
  const processor = new BatchProcessor(EventType.SQS);
  const handleRecord = (record: SQSRecord) =>
    withRecordKeys({ consumer: consumer.id, messageId: record.messageId }, async () => {
      let message: ExportMessage;
      try {
        message = ExportMessage.parse(JSON.parse(record.body));
      } catch (error) {
        logger.error('poison record: left to the DLQ', { reason: (error as Error).message });
        throw error;
      }
      await withRecordKeys({ territory: message.territory, exportId: message.exportId }, async () => {
        try {
          await handle(message);
        } catch (error) {
          logger.error('open-data export failed', {
            receiveCount: record.attributes.ApproximateReceiveCount,
            error: error as Error,
          });
          throw error;
        }
      });
    });
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    logger.addContext(context);
    try {
      return await processPartialResponse(event, handleRecord, processor, { context });
    } finally {
      publishMetrics();
    }
  };
};
