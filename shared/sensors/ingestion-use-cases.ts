/**
 * Ingestion: a partner authenticated by its API key posts a batch; it is checked against the
 * registry, acknowledged and queued; the queue consumer writes it idempotently and lets the alert
 * rules look at the new latest values.
 */
import { createHash } from 'node:crypto';
import type { Clock } from '../kernel/clock';
import { ConflictError, InvalidInputError, NotFoundError, UnauthenticatedError } from '../kernel/errors';
import { newId } from '../kernel/ids';
import { assertTerritoryAdmin, type Principal } from '../kernel/principal';
import { isStorableNumber, STORABLE_NUMBER_MESSAGE, type Page } from '../kernel/schemas';
import type { LatestChange } from './alert-use-cases';
import { keyIdOf, keyMatches } from './partner-keys';
import type { ObservationQueue, ObservationStore, RejectStore, RollupQueue, SensorRegistry } from './sensors-ports';
import {
  checkObservations,
  groupBy,
  hourOf,
  isRolledUp,
  type AcceptedObservation,
  type Observation,
  type DirtyHour,
  type ObservationBatch,
  type PartnerCaller,
  type RejectedIngestion,
  type RejectedPoint,
  type RollupInvalidation,
} from './sensors';

export interface IngestionDeps {
  readonly registry: SensorRegistry;
  readonly observations: ObservationStore;
  readonly queue: ObservationQueue;
  /** Where the hours a write marked dirty go, for the rollups' materializer. */
  readonly rollups: RollupQueue;
  readonly rejects: RejectStore;
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
  /** Points set aside: values the table cannot hold (listed for the territory's admins). */
  readonly rejected: number;
  readonly alertsOpened: number;
}

/** The same batch and points always give the same id: a redelivered message records one rejection. */
const rejectionId = (
  batchId: string,
  kind: string,
  points: readonly { sensorId: string; property: string; observedAt: string }[],
) =>
  createHash('sha256')
    .update(JSON.stringify([batchId, kind, points.map((p) => `${p.sensorId}|${p.property}|${p.observedAt}`).sort()]))
    .digest('hex')
    .slice(0, 32);

const setAside = (o: AcceptedObservation, reason: string): RejectedPoint => ({
  sensorId: o.sensorId,
  property: o.property,
  value: String(o.value),
  valueType: typeof o.value === 'number' ? 'number' : 'string',
  observedAt: o.observedAt,
  reason,
});

const pointOf = (p: RejectedPoint): AcceptedObservation => ({
  sensorId: p.sensorId,
  property: p.property,
  value: p.valueType === 'number' ? Number(p.value) : p.value,
  observedAt: p.observedAt,
});

export const makeIngestionUseCases = ({
  registry,
  observations,
  queue,
  rollups,
  rejects,
  onLatestValues,
  clock,
}: IngestionDeps) => ({
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
   * Primary course (queue consumer): each point is stored once (one already stored is kept as it
   * is); the hours of rolled-up properties it touches are marked dirty and sent to the rollups'
   * materializer; the newest value of each sensor and property becomes its latest unless a newer
   * one is there; the alert rules look at those values. Says how many points were received, new
   * (`written`), and dropped (their sensor is gone), and how many alerts opened.
   */
  writeObservations: async (batch: ObservationBatch): Promise<WriteOutcome> => {
    const siren = batch.territory;
    const sensors = await registry.getSensors(
      siren,
      batch.observations.map((o) => o.sensorId),
    );
    // A sensor removed since the batch was accepted: its readings have nowhere to go.
    const known = batch.observations.filter((o) => sensors.has(o.sensorId));
    // A poison point fails alone: set aside, the rest of the message is written.
    const rejected: RejectedPoint[] = [];
    const storable = known.filter((o) => {
      const fits = typeof o.value !== 'number' || isStorableNumber(o.value);
      if (!fits) rejected.push(setAside(o, STORABLE_NUMBER_MESSAGE));
      return fits;
    });

    const { written, refused } = await observations.writePoints(siren, storable);
    rejected.push(...refused.map(({ point, reason }) => setAside(point, reason)));
    if (rejected.length > 0) {
      await rejects.record({
        id: rejectionId(batch.batchId, 'points', rejected),
        territory: siren,
        partnerId: batch.partnerId,
        batchId: batch.batchId,
        receivedAt: batch.receivedAt,
        rejectedAt: clock.now().toISOString(),
        kind: 'points',
        reason: `${rejected.length} point(s) the platform cannot store; first: ${rejected[0]!.reason}`,
        points: rejected,
        state: 'rejected',
      });
    }
    const setAsideKeys = new Set(rejected.map((p) => `${p.sensorId}|${p.property}|${p.observedAt}`));
    const kept = storable.filter((o) => !setAsideKeys.has(`${o.sensorId}|${o.property}|${o.observedAt}`));

    // Every hour the points touch, new or already stored: a redelivery after a crash between the
    // points and their marks marks them again (recomputing a clean hour changes nothing).
    const hours = [
      ...new Map(
        kept
          .filter((o) => isRolledUp(sensors.get(o.sensorId)!, o.property))
          .map((o): [string, DirtyHour] => {
            const hour = hourOf(o.observedAt);
            return [`${o.sensorId}|${o.property}|${hour}`, { sensorId: o.sensorId, property: o.property, hour }];
          }),
      ).values(),
    ];
    const invalidate = async () => {
      if (hours.length === 0) return;
      const version = await observations.invalidate(siren, hours);
      await rollups.send({ territory: siren, version, hours });
    };
    const newest = [...groupBy(kept, (o) => `${o.sensorId}|${o.property}`).values()].map((readings) =>
      readings.reduce((a: AcceptedObservation, b) => (b.observedAt > a.observedAt ? b : a)),
    );
    const advance = async (): Promise<LatestChange[]> => {
      const candidates = newest.map((o) => ({
        sensorId: o.sensorId,
        property: o.property,
        entry: { value: o.value, observedAt: o.observedAt },
      }));
      const outcomes = await observations.advanceLatest(siren, candidates);
      return candidates.map(({ sensorId, property, entry }, i) => ({
        sensor: sensors.get(sensorId)!,
        property,
        entry,
        advanced: outcomes[i]!.advanced,
        ...(outcomes[i]!.previous ? { previous: outcomes[i]!.previous } : {}),
      }));
    };
    const [, changes] = await Promise.all([invalidate(), advance()]);
    const { opened } = await onLatestValues(siren, changes);
    return {
      received: batch.observations.length,
      written,
      dropped: batch.observations.length - known.length,
      rejected: rejected.length,
      alertsOpened: opened,
    };
  },

  /**
   * Primary course (the rollups' materializer, after the queue's delay): the hours named are
   * recomputed from their points unless marked again since (a later message names them), then
   * their days. Several messages may be handled at once; each hour is recomputed once.
   */
  materializeRollups: async (invalidations: readonly RollupInvalidation[]) => {
    const totals = { hours: 0, days: 0, skipped: 0 };
    for (const sameTerritory of groupBy(invalidations, (i) => i.territory).values()) {
      const hours = sameTerritory.flatMap(({ version, hours }) => hours.map((hour) => ({ ...hour, version })));
      const outcome = await observations.materialize(sameTerritory[0]!.territory, hours);
      totals.hours += outcome.hours;
      totals.days += outcome.days;
      totals.skipped += outcome.skipped;
    }
    return totals;
  },

  /**
   * The writer gives up on a message (its last receive before the DLQ: the store kept failing):
   * its points are kept as a rejection the territory's admins see and can re-drive.
   */
  recordFailedMessage: async (batch: ObservationBatch, reason: string): Promise<void> => {
    const points = batch.observations.map((o) => setAside(o, reason));
    await rejects.record({
      id: rejectionId(batch.batchId, 'message', points),
      territory: batch.territory,
      partnerId: batch.partnerId,
      batchId: batch.batchId,
      receivedAt: batch.receivedAt,
      rejectedAt: clock.now().toISOString(),
      kind: 'message',
      reason,
      points,
      state: 'rejected',
    });
  },

  /** Primary course: a territory admin lists the ingestion set aside, newest first (which partner, when, why). */
  listRejected: async (
    principal: Principal,
    siren: string,
    page: { readonly limit: number; readonly cursor?: string },
  ): Promise<Page<RejectedIngestion>> => {
    assertTerritoryAdmin(principal, siren);
    return rejects.list(siren, page);
  },

  /**
   * Primary course: after a fix, a territory admin re-drives a rejection: its points are queued
   * again as a new batch of the same partner (writing is idempotent per point); a point still
   * unwritable is set aside again, as a new rejection. A rejection is re-driven once.
   */
  redriveRejected: async (principal: Principal, siren: string, id: string): Promise<RejectedIngestion> => {
    assertTerritoryAdmin(principal, siren);
    const rejection = await rejects.get(siren, id);
    if (!rejection) throw new NotFoundError(`No rejected ingestion ${id} in territory ${siren}`);
    if (rejection.state === 'redriven') {
      throw new ConflictError(`Rejected ingestion ${id} was already re-driven (batch ${rejection.redriveBatchId})`);
    }
    const now = clock.now().toISOString();
    const message: ObservationBatch = {
      territory: siren,
      partnerId: rejection.partnerId,
      batchId: newId(),
      receivedAt: now,
      observations: rejection.points.map(pointOf),
    };
    await queue.send(message);
    if (!(await rejects.markRedriven(siren, id, now, message.batchId))) {
      throw new ConflictError(`Rejected ingestion ${id} was re-driven meanwhile`);
    }
    return { ...rejection, state: 'redriven', redrivenAt: now, redriveBatchId: message.batchId };
  },
});
