/**
 * The shape of the one declaration of the platform's wiring. Both the CDK app (infra/) and the
 * local runtime (infra/local/) are built from the values typed here; nothing else declares an
 * entry point.
 */
import type { ZodType } from 'zod';
import type { EventDefinition } from '../events/domain-event';
import type { ThrottleClass } from './throttle';

/** Who may call a route. Levels include the ones below them: an admin may call an agent route. */
export type RouteAccess = 'public' | 'citizen' | 'agent' | 'admin';

/** What a function may do with the table: IAM is granted from this, nothing more. */
export type TableAccess = 'none' | 'read' | 'write';

/** HEAD is declared on its own where a route answers it (API Gateway does not map HEAD to GET). */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteContract {
  /** Path parameters, e.g. z.object({ siren: ... }). */
  readonly params?: ZodType;
  /** Query string parameters. */
  readonly query?: ZodType;
  /** Request body: JSON, a form for routes declared `bodyFormat: 'form'` or `'multipart'`, the text for `bodyFormat: 'csv'`. */
  readonly body?: ZodType;
  /** Request headers the route reads (lower-case names), e.g. `idempotency-key`, `if-match`. */
  readonly headers?: Readonly<Record<string, HeaderDeclaration>>;
  /**
   * Successful responses by status code. `schema` is the JSON body; `contentType` another media
   * type for it (`application/ld+json`, or an XML body zod does not describe); `alternatives` more
   * media types the same status may answer with (Open311's `.xml`); `headers` the response headers
   * the handler sets. The handler's return type follows these, and in tests the local gateway checks
   * every answer against them (shared/wiring/contract.ts).
   */
  readonly responses: Readonly<Record<number, ResponseDeclaration>>;
  /**
   * Error statuses the route's use cases may answer, beyond those its shape implies (400 for
   * input, 401/403 for a login, 404 for path parameters, 413/415 for a body, 409/422 for a
   * login-protected write or an Idempotency-Key): e.g. `{ 422: 'Outside the territory' }`.
   */
  readonly problems?: Readonly<Record<number, string>>;
  /**
   * Errors written in the route's own format rather than problem+json (Open311's error list,
   * NGSI-LD's): their statuses and body; the handler passes httpHandler a `renderError`.
   */
  readonly errors?: {
    readonly statuses: Readonly<Record<number, string>>;
    readonly contentType: string;
    /** More media types the errors may come in (Open311's `.xml` documents answer errors in XML). */
    readonly alternatives?: readonly string[];
    readonly schema?: ZodType;
  };
}

export interface HeaderDeclaration {
  readonly description: string;
  readonly required?: boolean;
  readonly schema?: ZodType;
}

export interface ResponseDeclaration {
  readonly description: string;
  readonly schema?: ZodType;
  readonly contentType?: string;
  readonly alternatives?: readonly string[];
  /** Response headers, by their canonical name (`Location`, `ETag`, `NGSILD-Results-Count`). */
  readonly headers?: Readonly<Record<string, HeaderDeclaration>>;
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
   * How the body is sent: JSON; application/x-www-form-urlencoded parsed into an object for the
   * body schema (bracket names, empty fields not sent: shared/runtime/form.ts); or text/csv, the
   * text itself for the body schema. @default 'json'
   */
  readonly bodyFormat?: 'json' | 'form' | 'csv' | 'multipart';
  readonly contract: RouteContract;
  /** Left out of the OpenAPI document (the API reference pages themselves). */
  readonly hidden?: boolean;
  /**
   * A creating POST that honours an `Idempotency-Key` header: a retry with the same key gets the
   * first response again (shared/runtime/idempotency.ts). Needs `table: 'write'`.
   */
  readonly idempotent?: true;
  /**
   * How a caller authenticates when not with a bearer token: `apiKey` for partners
   * (`X-Api-Key` or `Authorization: ApiKey …`), checked by the handler on a `public` route.
   */
  readonly credentials?: 'apiKey';
  /** What the handler does with the uploads bucket (shared/runtime/object-store.ts). @default none */
  readonly objectStore?: ObjectStoreAccess;
  /** What the handler does with the open-data bucket (shared/opendata). @default none */
  readonly openData?: OpenDataAccess;
  /**
   * Its throttle class (shared/wiring/throttle.ts): a rate and a burst, set on the API Gateway
   * route and enforced per client by the local gateway. @default derived from access and method
   */
  readonly throttle?: ThrottleClass;
}

/** Uploads bucket access: `read` (HeadObject, GetObject, presigned GETs), `write` adds PutObject (presigned PUTs, copies). */
export type ObjectStoreAccess = 'read' | 'write';

/**
 * Open-data bucket access: `link` gives the public base URL of its files (OPEN_DATA_BASE_URL, for
 * the catalogue's links) and no access to the bucket; `publish` also writes them (OPEN_DATA_BUCKET;
 * GetObject, PutObject and multipart uploads under open-data/).
 */
export type OpenDataAccess = 'link' | 'publish';

export interface ConsumerDeclaration {
  readonly id: string;
  /** Logical queue name; the dead-letter queue is `${queue}-dlq`. */
  readonly queue: string;
  readonly handler: string;
  /**
   * The events delivered to this queue by the outbox (their definitions: the consumer edge parses
   * each record with them). Empty for a queue fed otherwise (observation batches).
   */
  readonly subscribes: readonly EventDefinition[];
  readonly batchSize: number;
  /** A message received this many times without success moves to the DLQ. */
  readonly maxReceiveCount: number;
  readonly visibilityTimeoutSeconds: number;
  readonly table: TableAccess;
  readonly publishesEvents?: boolean;
  /** The handler sends e-mail (shared/runtime/mailer.ts): it gets MAIL_FROM and ses:SendEmail on the sender. */
  readonly sendsEmail?: true;
  /** What the handler does with the open-data bucket (shared/opendata). @default none */
  readonly openData?: OpenDataAccess;
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
  /** What the handler does with the open-data bucket (shared/opendata). @default none */
  readonly openData?: OpenDataAccess;
}
