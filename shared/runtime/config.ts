/**
 * Configuration read once from the environment when a function starts: the one module that reads
 * process.env (Powertools reads its own POWERTOOLS_* / LOG_LEVEL variables). CDK sets these variables
 * on every Lambda; the local runtime sets them before it loads the handlers. A missing one throws
 * here, at start, not at first use.
 */
export interface OidcIssuerConfig {
  /** The `iss` claim, also where `/.well-known/openid-configuration` is found. */
  readonly issuer: string;
  /** Accepted `aud` values. */
  readonly audience: string;
  /** JWKS location; discovered from the issuer when absent. */
  readonly jwksUri?: string;
  /** Roles this issuer may grant. A citizen identity provider must not mint admin tokens. */
  readonly roles: readonly ('citizen' | 'agent' | 'admin')[];
  /**
   * The client id the web portal signs in with (authorization code + PKCE, a public client).
   * @default the audience (as Keycloak and most providers name a client)
   */
  readonly clientId?: string;
  /** Shown on the sign-in page when several issuers are offered, e.g. "FranceConnect". @default the issuer's host */
  readonly label?: string;
}

/** What the web portal (shared/portal) reads. */
export interface PortalConfig {
  /**
   * The session cookie's key: 32 bytes, base64url (a JWE `dir` key, A256GCM). The local runtime
   * generates one at first start (kept in the data dir); in AWS it is read from `sessionSecretArn`.
   */
  readonly sessionKey?: string;
  /** AWS: the Secrets Manager secret holding the session key, read once per cold start. */
  readonly sessionSecretArn?: string;
  /** The public origin (https://… of CloudFront), checked on every form post and used in sign-in redirects; the request's Host when absent. */
  readonly origin?: string;
  /** The SIREN of the territory the portal shows. @default the first territory registered */
  readonly territory?: string;
  /** Where the content-hashed static files are served. @default /assets/ */
  readonly assetsBaseUrl: string;
  /** AWS: the uploads bucket's origin, where the pages' script PUTs photos (their CSP names it). */
  readonly uploadsOrigin?: string;
  /** Logical name (portal.js, portal.css, map.css) → hashed file name, written by scripts/build-assets.ts. */
  readonly assetsManifest: Readonly<Record<string, string>>;
  /** Base map tiles, e.g. https://tiles.example.fr/{z}/{x}/{y}.png: none by default, maps read well without. */
  readonly tileUrl?: string;
  /** Attribution shown under the tiles, when tileUrl is set. */
  readonly tileAttribution?: string;
}

/** What the open-data context (shared/opendata) reads. */
export interface OpenDataConfig {
  /** The open-data bucket: set only on functions declared `openData: 'publish'`. */
  readonly bucket?: string;
  /**
   * Where the bucket's files are served publicly (CloudFront; the local gateway on one machine), no
   * trailing slash: set on functions declared `openData`.
   */
  readonly baseUrl?: string;
  /** The API's public base URL for the catalogue's links; the request's own origin when absent. */
  readonly apiBaseUrl?: string;
}

/** The key sealing pagination cursors (shared/runtime/dynamo-cursor.ts). */
export interface CursorConfig {
  /** Any secret string (the local runtime generates 32 random bytes at first start); the key is derived from it. */
  readonly cursorKey?: string;
  /** AWS: the Secrets Manager secret the key is derived from (the service stack's CursorKey), read once per cold start. */
  readonly cursorSecretArn?: string;
}

export interface PlatformConfig {
  readonly tableName: string;
  readonly region: string;
  /** Another DynamoDB than the region's (DynamoDB Local). */
  readonly dynamodbEndpoint?: string;
  /**
   * How long an Idempotency-Key's claim holds before a retry may take it over (shared/runtime/idempotency.ts):
   * longer than any route may run. Shortened only by the crash tests, whose runtime is killed mid-request.
   */
  readonly idempotencyLockSeconds: number;
  /**
   * How long the sensors' rollups materializer waits after a write before recomputing the hours it
   * marked dirty (shared/sensors/observation-store.ts), so a busy hour's writes gather into one
   * recompute; reads are exact meanwhile. 0–900 (SQS's limit). Shortened by the ingestion bench.
   */
  readonly sensorRollupDelaySeconds: number;
  /** Logical queue name → queue URL. */
  readonly queueUrls: Readonly<Record<string, string>>;
  readonly oidcIssuers: readonly OidcIssuerConfig[];
  /** Another SQS than the region's (the local runtime's endpoint). */
  readonly sqsEndpoint?: string;
  /** Another S3 than the region's (the local runtime's endpoint; path-style requests). */
  readonly s3Endpoint?: string;
  /** The uploads bucket: set only on functions whose routes declare `objectStore`. */
  readonly uploadsBucket?: string;
  /** The sender of e-mail: set only on functions declared `sendsEmail` (checked by the mailer). */
  readonly mailFrom?: string;
  /** Another SES than the region's (the local runtime's endpoint). */
  readonly sesEndpoint?: string;
  /** Where the API reference's static files are (beside the bundle in Lambda; swagger-ui-dist otherwise). */
  readonly apiReferenceAssetsDir?: string;
  readonly portal: PortalConfig;
  readonly openData: OpenDataConfig;
  readonly cursors: CursorConfig;
  /**
   * The territory (SIREN) NGSI-LD requests are about when they send no `NGSILD-Tenant` header
   * (NGSI_LD_DEFAULT_TENANT): a one-territory deployment's clients need no header. None: the header is required.
   */
  readonly ngsiLdDefaultTenant?: string;
}

const required = (env: NodeJS.ProcessEnv, name: string): string => {
  const value = env[name];
  if (value === undefined || value === '') throw new Error(`Missing environment variable ${name}`);
  return value;
};

const json = <T>(env: NodeJS.ProcessEnv, name: string, fallback: T): T => {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  try {
    return JSON.parse(value) as T;
  } catch {
    throw new Error(`Environment variable ${name} is not valid JSON`);
  }
};

export const readConfig = (env: NodeJS.ProcessEnv): PlatformConfig => ({
  tableName: required(env, 'TABLE_NAME'),
  region: env.AWS_REGION ?? 'eu-west-3',
  dynamodbEndpoint: env.DYNAMODB_ENDPOINT || undefined,
  idempotencyLockSeconds: Number(env.IDEMPOTENCY_LOCK_SECONDS) || 30,
  sensorRollupDelaySeconds: Math.min(900, Math.max(0, Math.round(Number(env.SENSOR_ROLLUP_DELAY_SECONDS || 900)) || 0)),
  queueUrls: json(env, 'QUEUE_URLS', {}),
  oidcIssuers: json(env, 'OIDC_ISSUERS', []),
  sqsEndpoint: env.SQS_ENDPOINT || undefined,
  s3Endpoint: env.S3_ENDPOINT || undefined,
  uploadsBucket: env.UPLOADS_BUCKET || undefined,
  mailFrom: env.MAIL_FROM || undefined,
  sesEndpoint: env.SES_ENDPOINT || undefined,
  apiReferenceAssetsDir: env.API_REFERENCE_ASSETS_DIR || undefined,
  portal: {
    sessionKey: env.PORTAL_SESSION_KEY || undefined,
    sessionSecretArn: env.PORTAL_SESSION_SECRET_ARN || undefined,
    origin: env.PORTAL_ORIGIN?.replace(/\/$/, '') || undefined,
    territory: env.PORTAL_TERRITORY || undefined,
    assetsBaseUrl: env.PORTAL_ASSETS_BASE_URL || '/assets/',
    assetsManifest: json(env, 'PORTAL_ASSETS_MANIFEST', {}),
    tileUrl: env.PORTAL_TILE_URL || undefined,
    tileAttribution: env.PORTAL_TILE_ATTRIBUTION || undefined,
    uploadsOrigin: env.PORTAL_UPLOADS_ORIGIN?.replace(/\/$/, '') || undefined,
  },
  openData: {
    bucket: env.OPEN_DATA_BUCKET || undefined,
    baseUrl: env.OPEN_DATA_BASE_URL?.replace(/\/$/, '') || undefined,
    apiBaseUrl: env.PUBLIC_API_URL?.replace(/\/$/, '') || undefined,
  },
  cursors: {
    cursorKey: env.CURSOR_KEY || undefined,
    cursorSecretArn: env.CURSOR_SECRET_ARN || undefined,
  },
  ngsiLdDefaultTenant: env.NGSI_LD_DEFAULT_TENANT || undefined,
});

export const config: PlatformConfig = readConfig(process.env);
