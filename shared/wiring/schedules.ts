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
] as const;
