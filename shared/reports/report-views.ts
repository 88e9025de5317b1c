/**
 * What each audience sees of a report. The public views carry no personal data (no contact, no
 * subject, no internal note, no agent); the agent views carry everything.
 */
import type { z } from 'zod';
import type { HistoryEntry, Report } from './report';
import type { AgentReportView, PublicReportView } from './report-schemas';

type PublicReport = z.input<typeof PublicReportView>;
type AgentReport = z.input<typeof AgentReportView>;

export const publicView = (r: Report): PublicReport => ({
  id: r.id,
  territory: r.territory,
  category: r.category,
  commune: r.commune,
  bodyId: r.bodyId,
  bodyKind: r.bodyKind,
  ...(r.service ? { service: r.service } : {}),
  status: r.status,
  location: r.location,
  ...(r.address ? { address: r.address } : {}),
  description: r.description,
  answers: r.answers,
  photoCount: r.photos.length,
  ...(r.mediaUrl ? { mediaUrl: r.mediaUrl } : {}),
  supportCount: r.supportCount,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  ...(r.acknowledgedAt ? { acknowledgedAt: r.acknowledgedAt } : {}),
  ...(r.resolvedAt ? { resolvedAt: r.resolvedAt } : {}),
  ...(r.closedAt ? { closedAt: r.closedAt } : {}),
  ...(r.dueAt ? { dueAt: r.dueAt } : {}),
  overdue: r.overdue,
  ...(r.duplicateOf ? { duplicateOf: r.duplicateOf } : {}),
});

/** The transitions, without who made them nor their internal notes; re-routings are internal. */
export const publicHistory = (history: readonly HistoryEntry[]) =>
  history
    .filter((h) => h.from !== h.to)
    .map((h) => ({ at: h.at, from: h.from, to: h.to, ...(h.publicNote ? { publicNote: h.publicNote } : {}) }));

export const agentView = (r: Report): AgentReport => ({
  ...publicView(r),
  channel: r.channel,
  ...(r.reporterSub ? { reporterSub: r.reporterSub } : {}),
  ...(r.contact ? { contact: r.contact } : {}),
  ...(r.filedBy ? { filedBy: r.filedBy } : {}),
  ...(r.clientApp ? { clientApp: r.clientApp } : {}),
  photos: [...r.photos],
  version: r.version,
});

/** An ETag naming the version, for If-Match on the next change. */
export const etagOf = (r: Report) => `"${r.version}"`;
