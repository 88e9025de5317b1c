/**
 * The audit log: who changed what, when, before → after. Written by a queue consumer from the
 * domain events that announce administrative changes; read by territory admins.
 */
import type { ChangeData, DomainEvent } from '../events/domain-event';
import { assertTerritoryAdmin, type Principal, type Role } from '../kernel/principal';

export interface AuditEntry {
  readonly eventId: string;
  readonly territory: string;
  readonly at: string;
  readonly actor: { readonly sub: string; readonly role: Role } | null;
  /** The event type, e.g. `territory.boundary-set`. */
  readonly action: string;
  readonly subject: string;
  readonly before: unknown;
  readonly after: unknown;
}

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
    actor: event.actor ?? null,
    action: event.type,
    subject: event.subject,
    before: data.before ?? null,
    after: data.after ?? null,
  };
};

export interface AuditPage {
  readonly items: readonly AuditEntry[];
  readonly cursor?: string;
}

/** Port: where entries are kept. `record` must be idempotent by event id. */
export interface AuditStore {
  record(entry: AuditEntry): Promise<void>;
  list(territory: string, limit: number, cursor?: string): Promise<AuditPage>;
}

export const makeAuditUseCases = (store: AuditStore) => ({
  record: (event: DomainEvent) => store.record(auditEntryFrom(event)),

  /** Newest first; territory admins only. */
  list: async (principal: Principal, territory: string, limit: number, cursor?: string): Promise<AuditPage> => {
    assertTerritoryAdmin(principal, territory);
    return store.list(territory, limit, cursor);
  },
});
