/**
 * A development OpenID Connect issuer: it publishes a discovery document and a JWKS like any
 * identity provider, and mints RS256 access tokens for whatever role and territory a developer
 * asks for, so the production verification code (jose, createRemoteJWKSet) accepts them unchanged.
 * The signing key is generated at first start and kept in the data dir, never in the repository.
 */
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { OidcIssuerConfig } from '../../shared/runtime/config';
import { InvalidInputError } from '../../shared/kernel/errors';
import { ROLES } from '../../shared/kernel/principal';
import { writeFileAtomic } from './atomic-file';
import { jsonResponse, parseJsonBody, problemResponse, type LocalRoute } from './local-http';

export const AUDIENCE = 'ville-ouverte';
const TOKEN_LIFETIME_SECONDS = 3600;

const TokenRequest = z
  .strictObject({
    role: z.enum(ROLES, { error: `role must be one of ${ROLES.join(', ')}` }),
    territory: z
      .string()
      .regex(/^\d{9}$/, 'territory must be the SIREN of an EPCI: 9 digits')
      .optional(),
    commune: z
      .string()
      .regex(/^(\d{5}|2[AB]\d{3})$/, 'commune must be an INSEE code: 5 characters, e.g. 31555')
      .optional(),
    sub: z.string().min(1).max(128).optional(),
    // Identity claims of a citizen's provider (FranceConnect), for participation eligibility.
    birthdate: z.iso.date({ error: 'birthdate must be a date YYYY-MM-DD' }).optional(),
    postalCode: z
      .string()
      .regex(/^\d{5}$/, 'postalCode must be 5 digits')
      .optional(),
    residenceInsee: z
      .string()
      .regex(/^(\d{5}|2[AB]\d{3})$/, 'residenceInsee must be an INSEE code: 5 characters, e.g. 31555')
      .optional(),
    // The standard OIDC claim, given as verified: where a citizen is told of the reports they follow.
    email: z.email({ error: 'email must be an e-mail address' }).max(254).optional(),
  })
  .refine((request) => request.role === 'citizen' || request.territory !== undefined, {
    message: 'an agent or an admin belongs to a territory: give its SIREN',
    path: ['territory'],
  });

export type TokenRequest = z.infer<typeof TokenRequest>;

export interface OidcIssuer {
  readonly issuer: string;
  readonly jwksUri: string;
  /** What the handlers read in OIDC_ISSUERS to trust this issuer. */
  readonly config: OidcIssuerConfig;
  readonly routes: readonly LocalRoute[];
  issueToken(request: TokenRequest): Promise<string>;
}

interface StoredKey {
  readonly kid: string;
  readonly privateJwk: JWK;
}

/** The key of earlier runs, or a new one, so tokens survive a restart. */
const loadOrCreateKey = async (dataDir: string): Promise<StoredKey> => {
  const dir = join(dataDir, 'oidc');
  const file = join(dir, 'signing-key.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as StoredKey;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const key: StoredKey = { kid: randomUUID(), privateJwk: await exportJWK(privateKey) };
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFileAtomic(file, JSON.stringify(key), 0o600);
  return key;
};

/** `baseUrl` is where the gateway answers, e.g. http://localhost:3000. */
export const openOidcIssuer = async (options: {
  readonly dataDir: string;
  readonly baseUrl: string;
}): Promise<OidcIssuer> => {
  const { kid, privateJwk } = await loadOrCreateKey(options.dataDir);
  const privateKey = await importJWK(privateJwk, 'RS256');
  const publicJwk = { kty: privateJwk.kty, n: privateJwk.n, e: privateJwk.e, kid, alg: 'RS256', use: 'sig' };
  const issuer = `${options.baseUrl}/_local/oidc`;
  const jwksUri = `${issuer}/jwks.json`;
  const tokenEndpoint = `${options.baseUrl}/_local/token`;

  const issueToken = (request: TokenRequest): Promise<string> =>
    new SignJWT({
      role: request.role,
      territory: request.territory,
      commune: request.commune,
      birthdate: request.birthdate,
      address: request.postalCode ? { postal_code: request.postalCode } : undefined,
      residence_insee: request.residenceInsee,
      ...(request.email ? { email: request.email, email_verified: true } : {}),
    })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(AUDIENCE)
      .setSubject(request.sub ?? `demo-${request.role}-${randomUUID().slice(0, 8)}`)
      .setIssuedAt()
      .setExpirationTime(`${TOKEN_LIFETIME_SECONDS}s`)
      .sign(privateKey);

  const tokenRoute: LocalRoute = {
    method: 'POST',
    path: '/_local/token',
    async handle({ body }) {
      const json = parseJsonBody(body);
      if (!json.ok) return problemResponse(new InvalidInputError(json.reason));
      const parsed = TokenRequest.safeParse(json.value);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
        const detail = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
        return problemResponse(new InvalidInputError(`Invalid token request: ${detail}`, issues));
      }
      return jsonResponse(200, {
        access_token: await issueToken(parsed.data),
        token_type: 'Bearer',
        expires_in: TOKEN_LIFETIME_SECONDS,
      });
    },
  };

  return {
    issuer,
    jwksUri,
    config: { issuer, audience: AUDIENCE, jwksUri, roles: [...ROLES] },
    issueToken,
    routes: [
      tokenRoute,
      {
        method: 'GET',
        path: '/_local/oidc/.well-known/openid-configuration',
        handle: () =>
          jsonResponse(200, {
            issuer,
            jwks_uri: jwksUri,
            token_endpoint: tokenEndpoint,
            response_types_supported: ['token'],
            subject_types_supported: ['public'],
            id_token_signing_alg_values_supported: ['RS256'],
            claims_supported: [
              ...['iss', 'aud', 'sub', 'iat', 'exp', 'role', 'territory', 'commune'],
              ...['birthdate', 'address', 'residence_insee'],
              ...['email', 'email_verified'],
            ],
          }),
      },
      { method: 'GET', path: '/_local/oidc/jwks.json', handle: () => jsonResponse(200, { keys: [publicJwk] }) },
    ],
  };
};
