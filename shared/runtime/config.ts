/**
 * Configuration read once from the environment when a function starts. CDK sets these variables
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
});

export const config: PlatformConfig = readConfig(process.env);
