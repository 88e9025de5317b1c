/**
 * The audit log: who changed what, when, before → after. Written by a queue consumer from the
 * domain events that announce administrative changes; read by territory admins.
 */
import * as z from 'zod';
import type { ChangeData, DomainEvent } from '../events/domain-event';
import { assertTerritoryAdmin, ROLES, type Principal } from '../kernel/principal';
import type { Page } from '../kernel/schemas';

/** One entry of the log, as stored and as shown to admins. */
export const AuditEntryRecord = z.object({
  eventId: z.string(),
  territory: z.string(),
  at: z.string(),
  /** Who acted; a citizen's subject is not kept (the log answers for staff; a citizen's acts are theirs to erase). */
  actor: z.object({ sub: z.string().optional(), role: z.enum(ROLES) }).nullable(),
  /** The event type, e.g. `territory.boundary-set`. */
  action: z.string().meta({ example: 'territory.boundary-set' }),
  subject: z.string().meta({ example: 'commune/31555/boundary' }),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntry = z.output<typeof AuditEntryRecord>;

/**
 * Before → after of an event. Administrative events carry them; a report's transition carries
 * from → to, and its re-routing the category and body before and now.
 */
const changeOf = (data: Record<string, unknown>): ChangeData => {
  if (typeof data.from === 'string' && typeof data.to === 'string') {
    return { before: { status: data.from }, after: { status: data.to } };
  }
  if (data.before !== undefined && data.after === undefined && typeof data.category === 'string') {
    return { before: data.before, after: { category: data.category, bodyId: data.bodyId, service: data.service } };
  }
  return { before: data.before ?? null, after: data.after ?? null };
};

export const auditEntryFrom = (event: DomainEvent): AuditEntry => {
  const data = changeOf((event.data ?? {}) as Record<string, unknown>);
  return {
    eventId: event.id,
    territory: event.territory,
    at: event.occurredAt,
    actor: event.actor ? (event.actor.role === 'citizen' ? { role: 'citizen' } : event.actor) : null,
    action: event.type,
    subject: event.subject,
    before: data.before ?? null,
    after: data.after ?? null,
  };
};

/**
 * What a reader narrows the log to: a time range (ISO instants, inclusive: read by the sort key),
 * an action or its family (`territory.` or `territory.category-saved`, a prefix) and an actor's
 * subject (exact), both read as a filter of the range's pages.
 */
export interface AuditFilter {
  readonly from?: string;
  readonly to?: string;
  readonly action?: string;
  readonly actor?: string;
}

/** Port: where entries are kept. `record` must be idempotent by event id. */
export interface AuditStore {
  record(entry: AuditEntry): Promise<void>;
  list(territory: string, limit: number, cursor?: string, filter?: AuditFilter): Promise<Page<AuditEntry>>;
  /** Retention: removes the entries before `cutoff`; how many. */
  deleteBefore(territory: string, cutoff: string): Promise<number>;
}

export const makeAuditUseCases = (store: AuditStore) => ({
  record: (event: DomainEvent) => store.record(auditEntryFrom(event)),

  /** Newest first, narrowed by `filter`; territory admins only. */
  list: async (
    principal: Principal,
    territory: string,
    limit: number,
    cursor?: string,
    filter: AuditFilter = {},
  ): Promise<Page<AuditEntry>> => {
    assertTerritoryAdmin(principal, territory);
    // The sort key holds instants as toISOString writes them: bounds are compared in that spelling.
    const instant = (iso: string | undefined) => (iso ? new Date(iso).toISOString() : undefined);
    return store.list(territory, limit, cursor, { ...filter, from: instant(filter.from), to: instant(filter.to) });
  },
});
