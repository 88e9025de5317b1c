/**
 * The shape of the one declaration of the platform's wiring. Both the CDK app (infra/) and the
 * local runtime (infra/local/) are built from the values typed here; nothing else declares an
 * entry point.
 */
import type { ZodType } from 'zod';

/** Who may call a route. Levels include the ones below them: an admin may call an agent route. */
export type RouteAccess = 'public' | 'citizen' | 'agent' | 'admin';

/** What a function may do with the table: IAM is granted from this, nothing more. */
export type TableAccess = 'none' | 'read' | 'write';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteContract {
  /** Path parameters, e.g. z.object({ siren: ... }). */
  readonly params?: ZodType;
  /** Query string parameters. */
  readonly query?: ZodType;
  /** JSON request body. */
  readonly body?: ZodType;
  /** Successful responses by status code: a zod schema of the JSON body, or null when there is none. */
  readonly responses: Readonly<Record<number, { readonly description: string; readonly schema?: ZodType }>>;
}

export interface RouteDeclaration {
  /** Stable identifier, also the OpenAPI operationId (camelCase). */
  readonly id: string;
  readonly method: HttpMethod;
  /** API Gateway path syntax: /territories/{siren}/communes/{insee}; {name+} for a greedy tail. */
  readonly path: string;
  /** Path of the handler module from the project root; it exports `handler`. */
  readonly handler: string;
  readonly access: RouteAccess;
  readonly table: TableAccess;
  /** True when the handler writes domain events (outbox) and dispatches them to queues. */
  readonly publishesEvents?: boolean;
  /** OpenAPI tag and one-line summary. */
  readonly tag: string;
  readonly summary: string;
  /** Largest accepted request body in bytes; larger bodies get 413. @default 262144 */
  readonly maxBodyBytes?: number;
  readonly contract: RouteContract;
  /** Left out of the OpenAPI document (the API reference pages themselves). */
  readonly hidden?: boolean;
}

export interface ConsumerDeclaration {
  readonly id: string;
  /** Logical queue name; the dead-letter queue is `${queue}-dlq`. */
  readonly queue: string;
  readonly handler: string;
  /** Domain event types delivered to this queue by the outbox relay. */
  readonly subscribes: readonly string[];
  readonly batchSize: number;
  /** A message received this many times without success moves to the DLQ. */
  readonly maxReceiveCount: number;
  readonly visibilityTimeoutSeconds: number;
  readonly table: TableAccess;
  readonly publishesEvents?: boolean;
}

export interface ScheduleDeclaration {
  readonly id: string;
  /** EventBridge Scheduler expression: `rate(1 minute)` or `cron(0 3 * * ? *)` (UTC). */
  readonly expression: string;
  readonly handler: string;
  readonly description: string;
  readonly table: TableAccess;
  readonly publishesEvents?: boolean;
}
