/**
 * A domain event: a fact that happened, announced to the queues that subscribe to its type.
 * Pure: built by use cases, stored in the outbox with the state change, delivered at least once.
 */
import type { Clock } from '../runtime/clock';
import { newId } from '../runtime/ids';
import type { Role } from '../runtime/principal';

export interface Actor {
  readonly sub: string;
  readonly role: Role;
}

export interface DomainEvent<D = unknown> {
  /** Unique per event; consumers de-duplicate by it. */
  readonly id: string;
  /** `<context>.<what-happened>`, e.g. `territory.boundary-set`. */
  readonly type: string;
  readonly occurredAt: string;
  /** SIREN of the territory the event belongs to. */
  readonly territory: string;
  readonly actor?: Actor;
  /** What the event is about, e.g. `commune/31555/boundary`. */
  readonly subject: string;
  readonly data: D;
}

/** The data of an event announcing an administrative change, kept by the audit log. */
export interface ChangeData {
  readonly before: unknown;
  readonly after: unknown;
}

export const newEvent = <D>(clock: Clock, fields: Omit<DomainEvent<D>, 'id' | 'occurredAt'>): DomainEvent<D> => ({
  id: newId(),
  occurredAt: clock.now().toISOString(),
  ...fields,
});

/** `territory.*` matches every type of the territory context. */
export const matchesSubscription = (type: string, subscription: string): boolean =>
  subscription.endsWith('.*') ? type.startsWith(subscription.slice(0, -1)) : type === subscription;
