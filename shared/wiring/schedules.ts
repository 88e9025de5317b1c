import { defineSchedule } from './define';

export const schedules = [
  defineSchedule({
    id: 'relayOutbox',
    expression: 'rate(1 minute)',
    handler: 'functions/events/relay-outbox.ts',
    description: 'Sends domain events left pending in the outbox (a handler died after its commit)',
    table: 'write',
    publishesEvents: true,
  }),
  defineSchedule({
    id: 'detectOverdueReports',
    expression: 'rate(5 minutes)',
    handler: 'functions/reports/detect-overdue-reports.ts',
    description: "Flags open reports past their due date overdue and escalates each to its body's managers once",
    table: 'write',
    publishesEvents: true,
  }),
  defineSchedule({
    id: 'advanceConsultationPhases',
    expression: 'rate(1 minute)',
    handler: 'functions/participation/advance-consultation-phases.ts',
    description: 'Moves consultations to the phase their dates say; counts and freezes the results of closed ones',
    table: 'write',
    publishesEvents: true,
  }),
  defineSchedule({
    id: 'detectSilentSensors',
    expression: 'rate(5 minutes)',
    handler: 'functions/sensors/detect-silent-sensors.ts',
    description: 'Opens FROZEN alerts for sensors silent for longer than their rule allows',
    table: 'write',
    publishesEvents: true,
  }),
  defineSchedule({
    id: 'remindLateMilestones',
    // Daily at 06:00 UTC (07:00 or 08:00 in Paris): the lead services find their mail in the morning.
    expression: 'cron(0 6 * * ? *)',
    handler: 'functions/portfolio/remind-late-milestones.ts',
    description: 'Marks milestones past due missed, sets their projects late and mails each lead service once',
    table: 'write',
    publishesEvents: true,
    sendsEmail: true,
  }),
  defineSchedule({
    id: 'computeLiveKpis',
    // Daily at 01:30 UTC, once the previous UTC day's rollups are complete.
    expression: 'cron(30 1 * * ? *)',
    handler: 'functions/portfolio/compute-live-kpis.ts',
    description: "Computes each live KPI's value of the day from the sensors' rollups or the reports' SLA statistics",
    table: 'write',
  }),
  defineSchedule({
    id: 'exportOpenData',
    // Nightly, at 02:00 UTC: one export per territory is queued; exportTerritoryOpenData writes it.
    expression: 'cron(0 2 * * ? *)',
    handler: 'functions/opendata/export-open-data.ts',
    description: "Queues each territory's nightly open-data export (files, checksums, catalogue records)",
    table: 'write',
    publishesEvents: true,
  }),
  defineSchedule({
    id: 'enforceRetention',
    // Daily at 03:30 UTC, after the night's exports.
    expression: 'cron(30 3 * * ? *)',
    handler: 'functions/privacy/enforce-retention.ts',
    description: "Forgets the people of reports closed longer than their territory keeps them, and audit entries past theirs",
    table: 'write',
    publishesEvents: true,
  }),
] as const;
