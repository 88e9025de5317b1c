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
  /** Request body: JSON, or a form for routes declared `bodyFormat: 'form'`. */
  readonly body?: ZodType;
  /**
   * Successful responses by status code: a zod schema of the JSON body, or null when there is none;
   * `contentType` names another media type (an XML body, which zod does not describe).
   */
  readonly responses: Readonly<
    Record<number, { readonly description: string; readonly schema?: ZodType; readonly contentType?: string }>
  >;
  /**
   * Errors written in the route's own format rather than problem+json (Open311's error list; the
   * handler passes httpHandler a `renderError`): their statuses and body, for the OpenAPI document.
   */
  readonly errors?: {
    readonly statuses: Readonly<Record<number, string>>;
    readonly contentType: string;
    readonly schema?: ZodType;
  };
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
  /** The handler sends e-mail (shared/runtime/mailer.ts): it gets MAIL_FROM and ses:SendEmail on the sender. */
  readonly sendsEmail?: true;
  /** OpenAPI tag and one-line summary. */
  readonly tag: string;
  readonly summary: string;
  /** Largest accepted request body in bytes; larger bodies get 413. @default 262144 */
  readonly maxBodyBytes?: number;
  /**
   * How the body is sent: JSON, or application/x-www-form-urlencoded parsed into an object for the
   * body schema (bracket names, empty fields not sent: shared/runtime/form.ts). @default 'json'
   */
  readonly bodyFormat?: 'json' | 'form';
  readonly contract: RouteContract;
  /** Left out of the OpenAPI document (the API reference pages themselves). */
  readonly hidden?: boolean;
  /**
   * A creating POST that honours an `Idempotency-Key` header: a retry with the same key gets the
   * first response again (shared/runtime/idempotency.ts). Needs `table: 'write'`.
   */
  readonly idempotent?: true;
  /** What the handler does with the uploads bucket (shared/runtime/object-store.ts). @default none */
  readonly objectStore?: ObjectStoreAccess;
}

/** Uploads bucket access: `read` (HeadObject, GetObject, presigned GETs), `write` adds PutObject (presigned PUTs, copies). */
export type ObjectStoreAccess = 'read' | 'write';

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
  /** The handler sends e-mail (shared/runtime/mailer.ts): it gets MAIL_FROM and ses:SendEmail on the sender. */
  readonly sendsEmail?: true;
}

export interface ScheduleDeclaration {
  readonly id: string;
  /** EventBridge Scheduler expression: `rate(1 minute)` or `cron(0 3 * * ? *)` (UTC). */
  readonly expression: string;
  readonly handler: string;
  readonly description: string;
  readonly table: TableAccess;
  readonly publishesEvents?: boolean;
  /** The handler sends e-mail (shared/runtime/mailer.ts): it gets MAIL_FROM and ses:SendEmail on the sender. */
  readonly sendsEmail?: true;
}
