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
}

export interface PlatformConfig {
  readonly tableName: string;
  readonly region: string;
  /** Another DynamoDB than the region's (DynamoDB Local). */
  readonly dynamodbEndpoint?: string;
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
  queueUrls: json(env, 'QUEUE_URLS', {}),
  oidcIssuers: json(env, 'OIDC_ISSUERS', []),
  sqsEndpoint: env.SQS_ENDPOINT || undefined,
  s3Endpoint: env.S3_ENDPOINT || undefined,
  uploadsBucket: env.UPLOADS_BUCKET || undefined,
  mailFrom: env.MAIL_FROM || undefined,
  sesEndpoint: env.SES_ENDPOINT || undefined,
  apiReferenceAssetsDir: env.API_REFERENCE_ASSETS_DIR || undefined,
});

export const config: PlatformConfig = readConfig(process.env);
