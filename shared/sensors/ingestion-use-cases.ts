/**
 * Ingestion: a partner authenticated by its API key posts a batch; it is checked against the
 * registry, acknowledged and queued; the queue consumer writes it idempotently and lets the alert
 * rules look at the new latest values.
 */
import type { Clock } from '../kernel/clock';
import { InvalidInputError, UnauthenticatedError } from '../kernel/errors';
import { newId } from '../kernel/ids';
import type { LatestChange } from './alert-use-cases';
import { keyIdOf, keyMatches } from './partner-keys';
import type { ObservationQueue, ObservationStore, SensorRegistry } from './sensors-ports';
import {
  checkObservations,
  dayOf,
  groupBy,
  isRolledUp,
  type AcceptedObservation,
  type Observation,
  type ObservationBatch,
  type PartnerCaller,
} from './sensors';

export interface IngestionDeps {
  readonly registry: SensorRegistry;
  readonly observations: ObservationStore;
  readonly queue: ObservationQueue;
  /** Where new latest values go to be checked against the alert rules; says how many alerts opened and closed. */
  readonly onLatestValues: (
    siren: string,
    changes: readonly LatestChange[],
  ) => Promise<{ readonly opened: number; readonly closed: number }>;
  readonly clock: Clock;
}

export interface WriteOutcome {
  readonly received: number;
  /** Points that were new (a redelivered point is not written again). */
  readonly written: number;
  /** Points of sensors removed since the batch was accepted. */
  readonly dropped: number;
  readonly alertsOpened: number;
}

/** DynamoDB writes in flight at once while a batch is written. */
const WRITE_CONCURRENCY = 8;

const inParallel = async <T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> => {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};

export const makeIngestionUseCases = ({ registry, observations, queue, onLatestValues, clock }: IngestionDeps) => ({
  /**
   * Primary course: the key names its record (one GetItem, strongly consistent, so a revoked key
   * is refused at once), the presented key's hash matches, the key is active. Every failure looks
   * the same to the caller.
   */
  authenticatePartner: async (siren: string, presented: string | undefined): Promise<PartnerCaller> => {
    if (!presented)
      throw new UnauthenticatedError('An API key is required: send it as X-Api-Key or Authorization: ApiKey');
    const keyId = keyIdOf(presented);
    const record = keyId ? await registry.getApiKey(siren, keyId) : undefined;
    if (!record || record.status !== 'active' || !keyMatches(presented, record.hash))
      throw new UnauthenticatedError('The API key is not valid for this territory, or it was revoked');
    return { territory: siren, partnerId: record.partnerId, keyId: record.keyId };
  },

  /**
   * Primary course: every observation is checked (known sensor of this partner, measured property,
   * its unit, a number or an allowed value, a time within the last 7 days); one bad observation
   * refuses the batch, naming each offending index; a good batch is queued whole and acknowledged.
   */
  acceptObservations: async (
    caller: PartnerCaller,
    batch: readonly Observation[],
  ): Promise<{ batchId: string; accepted: number }> => {
    const now = clock.now();
    const sensors = await registry.getSensors(
      caller.territory,
      batch.map((o) => o.sensorId),
    );
    const { accepted, issues } = checkObservations(batch, sensors, caller.partnerId, now);
    if (issues.length > 0) {
      const [first] = issues;
      throw new InvalidInputError(
        `${issues.length} problem(s) in the batch, nothing was accepted; first: ${first!.path}: ${first!.message}`,
        issues.slice(0, 100),
      );
    }
    const message: ObservationBatch = {
      territory: caller.territory,
      partnerId: caller.partnerId,
      batchId: newId(),
      receivedAt: now.toISOString(),
      observations: accepted,
    };
    await queue.send(message);
    return { batchId: message.batchId, accepted: accepted.length };
  },

  /**
   * Primary course (queue consumer): points are written per sensor, property and day with their
   * rollups, each point once; the newest value of each sensor and property becomes its latest
   * unless a newer one is there; the alert rules look at those values. Says how many points were
   * received, new (`written`), and dropped (their sensor is gone), and how many alerts opened.
   */
  writeObservations: async (batch: ObservationBatch): Promise<WriteOutcome> => {
    const siren = batch.territory;
    const sensors = await registry.getSensors(
      siren,
      batch.observations.map((o) => o.sensorId),
    );
    // A sensor removed since the batch was accepted: its readings have nowhere to go.
    const known = batch.observations.filter((o) => sensors.has(o.sensorId));

    const days = [...groupBy(known, (o) => `${o.sensorId}|${o.property}|${dayOf(o.observedAt)}`).values()];
    const written = await inParallel(days, WRITE_CONCURRENCY, (points) => {
      const { sensorId, property } = points[0]!;
      return observations.writeDay(siren, sensorId, property, isRolledUp(sensors.get(sensorId)!, property), points);
    });

    const newest = [...groupBy(known, (o) => `${o.sensorId}|${o.property}`).values()].map((readings) =>
      readings.reduce((a: AcceptedObservation, b) => (b.observedAt > a.observedAt ? b : a)),
    );
    const changes = await inParallel(newest, WRITE_CONCURRENCY, async (o): Promise<LatestChange> => {
      const entry = { value: o.value, observedAt: o.observedAt };
      const { advanced, previous } = await observations.advanceLatest(siren, o.sensorId, o.property, entry);
      return {
        sensor: sensors.get(o.sensorId)!,
        property: o.property,
        entry,
        advanced,
        ...(previous ? { previous } : {}),
      };
    });
    const { opened } = await onLatestValues(siren, changes);
    return {
      received: batch.observations.length,
      written: written.reduce((a, b) => a + b, 0),
      dropped: batch.observations.length - known.length,
      alertsOpened: opened,
    };
  },
});
