/**
 * The events of the reports context: their `type` strings and `data`. Every change of a report
 * emits one, in the same transaction as the change (the outbox). Events carry no personal data:
 * a notifier finds whom to tell among the report's followers (ReportStore.followers).
 */
import type { BodyKind } from '../territory/territory';
import type { Location, Report, ReportChannel, ReportStatus } from './report';

export const REPORT_EVENTS = {
  filed: 'reports.filed',
  statusChanged: 'reports.status-changed',
  rerouted: 'reports.rerouted',
  supported: 'reports.supported',
  overdue: 'reports.overdue',
} as const;

/** Where a report is and who handles it: in every report event. */
export interface ReportRef {
  readonly reportId: string;
  readonly territory: string;
  readonly commune: string;
  readonly category: string;
  readonly bodyId: string;
  readonly bodyKind: BodyKind;
  readonly service?: string;
  /** The report's version after the change. */
  readonly version: number;
  readonly at: string;
}

/** `reports.filed`: a new report, in status `new`. */
export interface ReportFiledData extends ReportRef {
  readonly status: 'new';
  readonly channel: ReportChannel;
  readonly location: Location;
  readonly dueAt?: string;
}

/**
 * `reports.status-changed`: a transition of the workflow (reopening included: `reopened`).
 * To `duplicate`, `duplicateOf` names the original, whose followers now include this report's.
 */
export interface ReportStatusChangedData extends ReportRef {
  readonly from: ReportStatus;
  readonly to: ReportStatus;
  readonly publicNote?: string;
  readonly reopened: boolean;
  readonly duplicateOf?: string;
}

/** `reports.rerouted`: the category changed, so maybe the body, the service and the due date. */
export interface ReportReroutedData extends ReportRef {
  readonly before: { readonly category: string; readonly bodyId: string; readonly service?: string };
  readonly dueAt?: string;
  readonly publicNote?: string;
}

/** `reports.supported`: one more citizen says "me too" (the count is on the report). */
export type ReportSupportedData = ReportRef;

/** `reports.overdue`: an open report went past its due date; its body's managers are told, once. */
export interface ReportOverdueData extends ReportRef {
  readonly dueAt: string;
  readonly status: ReportStatus;
}

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
  at,
});
