import { OPEN311_CHANGED } from '../open311/open311-events';
import { REPORT_EVENTS } from '../reports/report-events';
import { AUDITED_SENSOR_EVENTS, OBSERVATIONS_QUEUE, ROLLUPS_QUEUE, SENSOR_EVENTS } from '../sensors/sensor-events';
import { PARTICIPATION_CHANGED } from '../participation/participation-events';
import { PORTFOLIO_CHANGED } from '../portfolio/portfolio-events';
import { TERRITORY_CHANGED } from '../territory/territory-events';
import { OPEN_DATA_EXPORTS_QUEUE } from '../opendata/export-queue';
import { ERASURE_REQUESTED, PRIVACY_CHANGED } from '../privacy/privacy-events';
import { defineConsumer } from './define';

/** Queue consumers. Kept apart from the routes so the event dispatcher imports only this. */
export const consumerDeclarations = {
  recordAuditEntry: defineConsumer({
    id: 'recordAuditEntry',
    queue: 'audit',
    handler: 'functions/audit/record-audit-entry.ts',
    // Every agent or admin action: administration, moderation, and reports moved or re-routed.
    subscribes: [
      TERRITORY_CHANGED,
      PARTICIPATION_CHANGED,
      PORTFOLIO_CHANGED,
      OPEN311_CHANGED,
      ...AUDITED_SENSOR_EVENTS,
      REPORT_EVENTS.statusChanged,
      REPORT_EVENTS.rerouted,
      REPORT_EVENTS.noteAdded,
      PRIVACY_CHANGED,
    ],
    batchSize: 10,
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 30,
    table: 'write',
  }),
  // Accepted observation batches (not domain events: the ingestion route sends them itself). One
  // message is ≤ 500 observations; 10 per invocation. Poison messages reach the DLQ after 5 receives.
  writeObservations: defineConsumer({
    id: 'writeObservations',
    queue: OBSERVATIONS_QUEUE,
    handler: 'functions/sensors/write-observations.ts',
    subscribes: [],
    batchSize: 10,
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 180,
    table: 'write',
    publishesEvents: true,
  }),
  // Hours of sensor rollups marked dirty by writeObservations (sent delayed): each recomputed from
  // its points unless marked again since, then its day. Messages merged per invocation.
  materializeSensorRollups: defineConsumer({
    id: 'materializeSensorRollups',
    queue: ROLLUPS_QUEUE,
    handler: 'functions/sensors/materialize-sensor-rollups.ts',
    subscribes: [],
    batchSize: 10,
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 180,
    table: 'write',
  }),
  // One e-mail per follower of a report whose status changed or which was re-routed. A popular
  // report has hundreds of followers (5 sends at a time): 5 events per invocation, 60 s of function
  // (visibility / 6). Claims make a redelivery send nothing twice; a failed send retries 5 times.
  notifyReportFollowers: defineConsumer({
    id: 'notifyReportFollowers',
    queue: 'report-notifications',
    handler: 'functions/notifications/notify-report-followers.ts',
    subscribes: [REPORT_EVENTS.statusChanged, REPORT_EVENTS.rerouted],
    batchSize: 5,
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 360,
    table: 'write',
    sendsEmail: true,
  }),
  fileSensorReport: defineConsumer({
    id: 'fileSensorReport',
    queue: 'sensor-report-requests',
    handler: 'functions/reports/file-sensor-report.ts',
    subscribes: [SENSOR_EVENTS.reportRequested],
    batchSize: 5,
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 60,
    table: 'write',
    publishesEvents: true,
  }),
  notifyBodyManagers: defineConsumer({
    id: 'notifyBodyManagers',
    queue: 'report-escalations',
    handler: 'functions/notifications/notify-body-managers.ts',
    subscribes: [REPORT_EVENTS.overdue],
    batchSize: 5,
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 360,
    table: 'write',
    sendsEmail: true,
  }),
  // The dashboards' counters (shared/statistics): reports filed, moved and overdue, sensor alerts
  // opened. Each event counts once (a marker per event id in the same transaction as its ADDs).
  recordStatistics: defineConsumer({
    id: 'recordStatistics',
    queue: 'statistics',
    handler: 'functions/statistics/record-statistics.ts',
    subscribes: [REPORT_EVENTS.filed, REPORT_EVENTS.statusChanged, REPORT_EVENTS.overdue, SENSOR_EVENTS.alertOpened],
    batchSize: 10,
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 60,
    table: 'write',
  }),
  // One open-data export per message (not a domain event: the schedule and the admin route queue
  // them). An export streams a territory's datasets to the bucket: up to 15 minutes of function
  // (visibility / 6); a failed export is retried twice, then left in the DLQ.
  exportTerritoryOpenData: defineConsumer({
    id: 'exportTerritoryOpenData',
    queue: OPEN_DATA_EXPORTS_QUEUE,
    handler: 'functions/opendata/export-territory-open-data.ts',
    subscribes: [],
    batchSize: 1,
    maxReceiveCount: 3,
    visibilityTimeoutSeconds: 5400,
    table: 'write',
    openData: 'publish',
  }),
  // A citizen's erasure request, one at a time: a heavy user's thousands of items take seconds;
  // a run cut short is finished by the redelivery (each handled item leaves the index that found it).
  carryOutErasure: defineConsumer({
    id: 'carryOutErasure',
    queue: 'privacy-erasures',
    handler: 'functions/privacy/carry-out-erasure.ts',
    subscribes: [ERASURE_REQUESTED],
    batchSize: 1,
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 900,
    table: 'write',
    publishesEvents: true,
  }),
} as const;

export const consumers = Object.values(consumerDeclarations);
