/** The sensors use cases wired to their adapters: what the handlers call. */
import { systemClock, type Clock } from '../kernel/clock';
import { NotFoundError } from '../kernel/errors';
import { sendMessages } from '../runtime/queue';
import { territory } from '../territory/territory-app';
import { makeAlertUseCases } from './alert-use-cases';
import { dynamoAlertStore } from './alert-store';
import { dynamoRejectStore } from './ingestion-reject-store';
import { makeIngestionUseCases } from './ingestion-use-cases';
import { makeNgsiLdUseCases } from './ngsi-ld-use-cases';
import { dynamoObservationStore } from './observation-store';
import { OBSERVATIONS_QUEUE } from './sensor-events';
import { dynamoSensorRegistry } from './sensor-registry-store';
import type { ObservationQueue, TerritoryDirectory } from './sensors-ports';
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

/** Every use case of the context on DynamoDB, the queue and the territory context, at `clock`'s time. */
export const makeSensorsApp = (clock: Clock) => {
  const deps = { registry: dynamoSensorRegistry, observations: dynamoObservationStore, territories, clock };
  const sensorAlerts = makeAlertUseCases({ ...deps, alerts: dynamoAlertStore });
  return {
    sensors: makeSensorUseCases(deps),
    sensorAlerts,
    ingestion: makeIngestionUseCases({
      ...deps,
      queue,
      rejects: dynamoRejectStore,
      onLatestValues: sensorAlerts.onLatestValues,
    }),
    ngsiLd: makeNgsiLdUseCases(deps),
  };
};

export const { sensors, sensorAlerts, ingestion, ngsiLd } = makeSensorsApp(systemClock);
