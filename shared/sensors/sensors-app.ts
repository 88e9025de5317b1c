/** The sensors use cases wired to their adapters: what the handlers call. */
import { systemClock, type Clock } from '../kernel/clock';
import { NotFoundError } from '../kernel/errors';
import { config } from '../runtime/config';
import { sendMessages } from '../runtime/queue';
import { territory } from '../territory/territory-app';
import { makeAlertUseCases } from './alert-use-cases';
import { dynamoAlertStore } from './alert-store';
import { dynamoRejectStore } from './ingestion-reject-store';
import { makeIngestionUseCases } from './ingestion-use-cases';
import { makeNgsiLdUseCases } from './ngsi-ld-use-cases';
import { dynamoObservationStore } from './observation-store';
import { chunksOf } from '../kernel/in-parallel';
import { OBSERVATIONS_QUEUE, ROLLUPS_QUEUE } from './sensor-events';
import { dynamoSensorRegistry } from './sensor-registry-store';
import type { ObservationQueue, RollupQueue, TerritoryDirectory } from './sensors-ports';
import { makeSensorUseCases } from './sensors-use-cases';

/** The territory context answers where a sensor stands. */
const territories: TerritoryDirectory = {
  exists: (siren) =>
    territory.getTerritory(siren).then(
      () => true,
      (error: unknown) => {
        if (error instanceof NotFoundError) return false;
        throw error;
      },
    ),
  communeAt: (siren, lat, lon) =>
    territory.locate(siren, lat, lon).then(
      (commune) => ({ insee: commune.insee, name: commune.name }),
      (error: unknown) => {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      },
    ),
};

/** One SQS message per accepted batch (≤ 500 observations, well under SQS's 256 KB). */
const queue: ObservationQueue = {
  send: (batch) => sendMessages(OBSERVATIONS_QUEUE, [{ id: batch.batchId, body: JSON.stringify(batch) }]),
};

/**
 * The hours a write marked dirty, delayed so that a busy hour's writes gather into one recompute
 * (the materializer skips an hour marked again since: the later message stands for it). A merged
 * delivery may touch thousands of hours: ≤ 1 000 a message keeps it well under SQS's 256 KB.
 */
const rollupQueue: RollupQueue = {
  send: (invalidation) =>
    sendMessages(
      ROLLUPS_QUEUE,
      chunksOf(invalidation.hours, 1000).map((hours, i) => ({
        id: `${invalidation.version}-${i}`,
        body: JSON.stringify({ ...invalidation, hours }),
        delaySeconds: config.sensorRollupDelaySeconds,
      })),
    ),
};

/**
 * Every use case of the context on DynamoDB, the queues and the territory context, at `clock`'s
 * time; `rollups` replaced where no queue runs (integration tests materialize by hand).
 */
export const makeSensorsApp = (clock: Clock, { rollups = rollupQueue }: { rollups?: RollupQueue } = {}) => {
  const deps = { registry: dynamoSensorRegistry, observations: dynamoObservationStore, territories, clock };
  const sensorAlerts = makeAlertUseCases({ ...deps, alerts: dynamoAlertStore });
  return {
    sensors: makeSensorUseCases(deps),
    sensorAlerts,
    ingestion: makeIngestionUseCases({
      ...deps,
      queue,
      rollups,
      rejects: dynamoRejectStore,
      onLatestValues: sensorAlerts.onLatestValues,
    }),
    ngsiLd: makeNgsiLdUseCases(deps),
  };
};

export const { sensors, sensorAlerts, ingestion, ngsiLd } = makeSensorsApp(systemClock);
