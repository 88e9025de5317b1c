/**
 * A domain event: a fact that happened, announced to the queues that subscribe to its type.
 * Pure: built by use cases, stored in the outbox with the state change, delivered at least once.
 *
 * Each event type has one definition (`defineEvent`), next to its producer: its type string and
 * the zod schema of its data. Producers build events from it (`newEvent`, data type-checked);
 * consumers subscribe to definitions and the consumer edge parses every record with them
 * (consumer.ts), so producer and consumer cannot drift.
 */
import * as z from 'zod';
import type { ZodType } from 'zod';
import type { Clock } from '../kernel/clock';
import { newId } from '../kernel/ids';
import { ROLES, type Role } from '../kernel/principal';

export interface Actor {
  readonly sub: string;
  readonly role: Role;
}

export interface DomainEvent<D = unknown, T extends string = string> {
  /** Unique per event; consumers de-duplicate by it. */
  readonly id: string;
  /** `<context>.<what-happened>`, e.g. `territory.boundary-set`. */
  readonly type: T;
  readonly occurredAt: string;
  /** SIREN of the territory the event belongs to. */
  readonly territory: string;
  readonly actor?: Actor;
  /** What the event is about, e.g. `commune/31555/boundary`. */
  readonly subject: string;
  readonly data: D;
}

/**
 * One event type, or a family of them: `territory.*` is every administrative change of the
 * territory context, which share one data schema (before → after).
 */
export interface EventDefinition<T extends string = string, S extends ZodType = ZodType> {
  readonly type: T;
  readonly data: S;
}

export const defineEvent = <const T extends string, S extends ZodType>(type: T, data: S): EventDefinition<T, S> => ({
  type,
  data,
});

/** The type strings a definition stands for: `territory.*` is any `territory.<something>`. */
type TypesOf<T extends string> = T extends `${infer Prefix}.*` ? `${Prefix}.${string}` : T;

/** The event a definition describes, as a consumer receives it (data parsed). */
export type EventOf<D extends EventDefinition> =
  D extends EventDefinition<infer T, infer S> ? DomainEvent<z.output<S>, TypesOf<T>> : never;

/** The data of an event announcing an administrative change, kept by the audit log. */
export const ChangeData = z.object({ before: z.unknown(), after: z.unknown() });
export type ChangeData = z.output<typeof ChangeData>;

/** The envelope every record of an event queue carries; `data` is parsed by the event's definition. */
export const DomainEventEnvelope = z.object({
  id: z.string().min(1),
  type: z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/),
  occurredAt: z.iso.datetime(),
  territory: z.string().min(1),
  actor: z.object({ sub: z.string(), role: z.enum(ROLES) }).optional(),
  subject: z.string(),
  data: z.unknown(),
});

/**
 * A new event of a definition. A family's definition needs the exact `type` (under its prefix);
 * a single event's type is the definition's.
 */
export const newEvent = <D extends EventDefinition>(
  clock: Clock,
  definition: D,
  fields: Omit<DomainEvent<z.input<D['data']>>, 'id' | 'occurredAt' | 'type'> & { readonly type?: TypesOf<D['type']> },
): DomainEvent<z.input<D['data']>, TypesOf<D['type']>> => {
  const type = fields.type ?? definition.type;
  if (!matchesSubscription(type, definition.type) || type.endsWith('.*')) {
    throw new Error(`Event type ${type} is not one of ${definition.type}`);
  }
  return { ...fields, id: newId(), occurredAt: clock.now().toISOString(), type: type as TypesOf<D['type']> };
};

/** `territory.*` matches every type of the territory context. */
export const matchesSubscription = (type: string, subscription: string): boolean =>
  subscription.endsWith('.*') ? type.startsWith(subscription.slice(0, -1)) : type === subscription;

/** The definition among `definitions` that describes this type: an exact one before a family. */
export const definitionFor = <D extends EventDefinition>(definitions: readonly D[], type: string): D | undefined =>
  definitions.find((d) => d.type === type) ?? definitions.find((d) => matchesSubscription(type, d.type));
