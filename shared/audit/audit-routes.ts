import * as z from 'zod';
import { Siren } from '../territory/territory';
import { AuditEntryRecord } from './audit-log';
import { defineRoute } from '../wiring/define';

const AuditEntryView = AuditEntryRecord.meta({ id: 'AuditEntry' });

export const auditRoutes = {
  listAuditEntries: defineRoute({
    id: 'listAuditEntries',
    method: 'GET',
    path: '/territories/{siren}/audit',
    handler: 'functions/audit/list-audit-entries.ts',
    access: 'admin',
    table: 'read',
    tag: 'Audit',
    summary: "The territory's audit log, newest first (territory admins)",
    contract: {
      params: z.object({ siren: Siren }),
      query: z.object({
        limit: z.coerce.number().int().min(1).max(100).default(25),
        cursor: z.string().max(2048).optional(),
        from: z.iso.datetime().optional().meta({ description: 'Entries at or after this instant' }),
        to: z.iso.datetime().optional().meta({ description: 'Entries at or before this instant' }),
        action: z
          .string()
          .regex(/^[a-z0-9][a-z0-9.-]{0,79}$/)
          .optional()
          .meta({ description: 'An action or its family (a prefix)', example: 'territory.' }),
        actor: z.string().min(1).max(200).optional().meta({ description: "The actor's subject, exactly" }),
      }),
      responses: {
        200: {
          description: 'A page of entries; pass `cursor` back for the next one',
          schema: z.object({ items: z.array(AuditEntryView), cursor: z.string().optional() }),
        },
      },
    },
  }),
} as const;
