// consumer writeObservations: writes accepted batches (points, rollups, latest values), then checks alert rules
import { observationBatchConsumer } from '../../shared/sensors/observation-consumer';
import { ingestion } from '../../shared/sensors/sensors-app';
import { consumerDeclarations } from '../../shared/wiring/consumers';

export const handler = observationBatchConsumer(consumerDeclarations.writeObservations, ingestion.writeObservations);
