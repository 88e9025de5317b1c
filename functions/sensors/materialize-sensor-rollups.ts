// consumer materializeSensorRollups: recomputes the rollups of the hours (then days) writes marked dirty
import { logger } from '../../shared/runtime/logger';
import { rollupInvalidationConsumer } from '../../shared/sensors/observation-consumer';
import { ingestion } from '../../shared/sensors/sensors-app';
import { consumerDeclarations } from '../../shared/wiring/consumers';

export const handler = rollupInvalidationConsumer(
  consumerDeclarations.materializeSensorRollups,
  async (invalidations) => {
    const outcome = await ingestion.materializeRollups(invalidations);
    logger.info('sensor rollups materialized', outcome);
    return outcome;
  },
);
