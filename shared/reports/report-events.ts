/**
 * The events of the reports context: one definition each (type and data schema). Every change of
 * a report emits one, in the same transaction as the change (the outbox). Events carry no personal
 * data: a notifier finds whom to tell among the report's followers (ReportStore.followers).
 */
import * as z from 'zod';
import { defineEvent } from '../events/domain-event';
import { LocationRecord, ReportRecord, type Report } from './report';

const Status = ReportRecord.shape.status;

/** Where a report is and who handles it: in every report event. */
const ReportRef = ReportRecord.pick({
  territory: true,
  commune: true,
  category: true,
  bodyId: true,
  bodyKind: true,
  service: true,
  /** The report's version after the change. */
  version: true,
  /** When it should be resolved (the category's SLA): the statistics judge a resolution with it. */
  dueAt: true,
}).extend({
  reportId: z.string(),
  at: z.string(),
  /** When it was filed (optional: events written before it was carried have none). */
  filedAt: z.string().optional(),
});
export type ReportRef = z.output<typeof ReportRef>;

export const REPORT_EVENTS = {
  /** A new report, in status `new`. */
  filed: defineEvent(
    'reports.filed',
    ReportRef.extend({
      status: z.literal('new'),
      channel: ReportRecord.shape.channel,
      location: LocationRecord,
      dueAt: z.string().optional(),
    }),
  ),
  /**
   * A transition of the workflow (reopening included: `reopened`). To `duplicate`, `duplicateOf`
   * names the original, whose followers now include this report's.
   */
  statusChanged: defineEvent(
    'reports.status-changed',
    ReportRef.extend({
      from: Status,
      to: Status,
      publicNote: z.string().optional(),
      reopened: z.boolean(),
      duplicateOf: z.string().optional(),
    }),
  ),
  /** The category changed, so maybe the body, the service and the due date. */
  rerouted: defineEvent(
    'reports.rerouted',
    ReportRef.extend({
      before: z.object({ category: z.string(), bodyId: z.string(), service: z.string().optional() }),
      dueAt: z.string().optional(),
      publicNote: z.string().optional(),
    }),
  ),
  /** An agent added an internal note (the note itself stays in the report's history, for agents). */
  noteAdded: defineEvent('reports.note-added', ReportRef),
  /** One more citizen says "me too" (the count is on the report). */
  supported: defineEvent('reports.supported', ReportRef),
  /** An open report went past its due date; its body's managers are told, once. */
  overdue: defineEvent('reports.overdue', ReportRef.extend({ dueAt: z.string(), status: Status })),
} as const;

export type ReportStatusChangedData = z.output<typeof REPORT_EVENTS.statusChanged.data>;
export type ReportReroutedData = z.output<typeof REPORT_EVENTS.rerouted.data>;
export type ReportOverdueData = z.output<typeof REPORT_EVENTS.overdue.data>;

/** The reference every report event carries, for a report as it is after the change. */
export const refOf = (r: Report, at: string): ReportRef => ({
  reportId: r.id,
  territory: r.territory,
  commune: r.commune,
  category: r.category,
  bodyId: r.bodyId,
  bodyKind: r.bodyKind,
  ...(r.service ? { service: r.service } : {}),
  version: r.version,
  ...(r.dueAt ? { dueAt: r.dueAt } : {}),
  filedAt: r.createdAt,
  at,
});
