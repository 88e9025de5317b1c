import { defineConsumer } from './define';

/** Queue consumers. Kept apart from the routes so the event dispatcher imports only this. */
export const consumerDeclarations = {
  recordAuditEntry: defineConsumer({
    id: 'recordAuditEntry',
    queue: 'audit',
    handler: 'functions/audit/record-audit-entry.ts',
    subscribes: ['territory.*'],
    batchSize: 10,
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 30,
    table: 'write',
  }),
} as const;

export const consumers = Object.values(consumerDeclarations);
