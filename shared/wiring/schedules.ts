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
] as const;
