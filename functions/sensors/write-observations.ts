// consumer writeObservations: writes accepted batches (points, rollups, latest values), then checks alert rules
import { logger } from '../../shared/runtime/logger';
import { count } from '../../shared/runtime/metrics';
import { observationBatchConsumer } from '../../shared/sensors/observation-consumer';
import { ingestion } from '../../shared/sensors/sensors-app';
import { consumerDeclarations } from '../../shared/wiring/consumers';

export const handler = observationBatchConsumer(
  consumerDeclarations.writeObservations,
  async (batch) => {
    const outcome = await ingestion.writeObservations(batch);
    count('ObservationsWritten', outcome.written);
    count('AlertsOpened', outcome.alertsOpened);
    if (outcome.dropped > 0)
      logger.warn('observations of unknown sensors dropped', { dropped: outcome.dropped, batchId: batch.batchId });
    if (outcome.rejected > 0) {
      count('ObservationsRejected', outcome.rejected);
      logger.warn('observations set aside: the table cannot hold them', {
        rejected: outcome.rejected,
        batchId: batch.batchId,
        partnerId: batch.partnerId,
      });
    }
    return outcome;
  },
  (batch, reason) => ingestion.recordFailedMessage(batch, reason),
);
