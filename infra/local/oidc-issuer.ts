/**
 * A development OpenID Connect issuer: it publishes a discovery document and a JWKS like any
 * identity provider, and mints RS256 access tokens for whatever role and territory a developer
 * asks for, so the production verification code (jose, createRemoteJWKSet) accepts them unchanged.
 * The signing key is generated at first start and kept in the data dir, never in the repository.
 *
 * Two ways to a token: `POST /_local/token` with JSON (scripts, tests), and the authorization code
 * flow with PKCE the web portal uses against any provider — `GET /_local/oidc/authorize` shows a
 * form to choose role, territory, commune and identity claims, then sends the browser back with a
 * code, which `POST /_local/token` (form-encoded, grant_type=authorization_code) exchanges for an
 * access token and an ID token. Redirect URIs must be on this machine (loopback).
 */
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import type { OidcIssuerConfig } from '../../shared/runtime/config';
import { InvalidInputError } from '../../shared/kernel/errors';
import { ROLES } from '../../shared/kernel/principal';
import type { HttpResponse } from './api-gateway-event';
import { writeFileAtomic } from './atomic-file';
import { jsonResponse, parseJsonBody, problemResponse, type LocalRoute } from './local-http';
import { authorizeForm, type AuthorizeFormValues } from './oidc-authorize-form';

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

/** The parameters of an authorization request (RFC 6749 §4.1.1, RFC 7636, OIDC Core §3.1.2.1). */
const AuthorizationRequest = z.object({
  response_type: z.literal('code', { error: 'response_type must be code' }),
  client_id: z.string().min(1).max(200),
  redirect_uri: z
    .url()
    .refine((uri) => LOOPBACK.has(new URL(uri).hostname), 'redirect_uri must be on this machine (localhost)'),
  scope: z.string().max(500).optional(),
  state: z.string().max(500).optional(),
  nonce: z.string().max(500).optional(),
  code_challenge: z.string().regex(/^[\w-]{43,128}$/, 'code_challenge must be a base64url S256 challenge'),
  code_challenge_method: z.literal('S256', { error: 'code_challenge_method must be S256' }),
});
type AuthorizationRequest = z.infer<typeof AuthorizationRequest>;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
/** An authorization code is good for one exchange within this time. */
const CODE_LIFETIME_MS = 60_000;

interface IssuedCode {
  readonly request: AuthorizationRequest;
  readonly identity: TokenRequest & { readonly sub: string };
  readonly expiresAt: number;
}

const html = (statusCode: number, body: string): HttpResponse => ({
  statusCode,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy':
      "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
  },
  cookies: [],
  body: Buffer.from(body),
});

const redirect = (location: string): HttpResponse => ({
  statusCode: 303,
  headers: { location, 'cache-control': 'no-store' },
  cookies: [],
  body: Buffer.alloc(0),
});

/** OAuth's error answer (RFC 6749 §5.2). */
const oauthError = (error: string, description: string): HttpResponse =>
  jsonResponse(
    400,
    { error, error_description: description },
    {
      'content-type': 'application/json',
      'cache-control': 'no-store',
    },
  );

/** The form's fields as sent: empty ones left out (an HTML form sends them all). */
const formValues = (body: Buffer): Record<string, string> =>
  Object.fromEntries([...new URLSearchParams(body.toString('utf8'))].filter(([, value]) => value.trim() !== ''));

/** A stable subject per e-mail, so signing in again as the same person finds their reports. */
const subjectFor = (identity: TokenRequest): string =>
  identity.sub ??
  (identity.email
    ? `demo-${identity.role}-${createHash('sha256').update(identity.email.toLowerCase()).digest('hex').slice(0, 12)}`
    : `demo-${identity.role}-${randomUUID().slice(0, 8)}`);

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
  const authorizationEndpoint = `${issuer}/authorize`;
  const codes = new Map<string, IssuedCode>();

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

  /** OIDC Core §3.1.3.3: the ID token of the code flow, for the client that asked. */
  const issueIdToken = (identity: IssuedCode['identity'], clientId: string, nonce: string | undefined) =>
    new SignJWT({
      ...(nonce ? { nonce } : {}),
      ...(identity.email ? { email: identity.email, email_verified: true } : {}),
    })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(clientId)
      .setSubject(identity.sub)
      .setIssuedAt()
      .setExpirationTime(`${TOKEN_LIFETIME_SECONDS}s`)
      .sign(privateKey);

  /** The code grant (form-encoded): the code, for the same client and redirect URI, with the PKCE verifier. */
  const exchangeCode = async (body: Buffer): Promise<HttpResponse> => {
    const form = formValues(body);
    if (form.grant_type !== 'authorization_code') {
      return oauthError('unsupported_grant_type', 'Only grant_type=authorization_code is supported');
    }
    const issued = form.code ? codes.get(form.code) : undefined;
    if (form.code) codes.delete(form.code); // one exchange per code, successful or not
    if (!issued || issued.expiresAt < Date.now()) return oauthError('invalid_grant', 'Unknown, used or expired code');
    if (issued.request.client_id !== form.client_id)
      return oauthError('invalid_grant', 'The code was issued to another client');
    if (issued.request.redirect_uri !== form.redirect_uri) return oauthError('invalid_grant', 'redirect_uri differs');
    const challenge = createHash('sha256')
      .update(form.code_verifier ?? '')
      .digest('base64url');
    if (challenge !== issued.request.code_challenge)
      return oauthError('invalid_grant', 'The PKCE verifier does not match');
    return jsonResponse(
      200,
      {
        access_token: await issueToken(issued.identity),
        id_token: await issueIdToken(issued.identity, issued.request.client_id, issued.request.nonce),
        token_type: 'Bearer',
        expires_in: TOKEN_LIFETIME_SECONDS,
        scope: 'openid',
      },
      { 'content-type': 'application/json', 'cache-control': 'no-store' },
    );
  };

  const parseAuthorization = (query: URLSearchParams) => AuthorizationRequest.safeParse(Object.fromEntries(query));

  /** GET: the form; POST: the choice made, back to the client with a code. */
  const authorizeRoutes: LocalRoute[] = [
    {
      method: 'GET',
      path: '/_local/oidc/authorize',
      handle({ query }) {
        const request = parseAuthorization(query);
        if (!request.success) return html(400, authorizeForm({ error: request.error.issues.map((i) => i.message) }));
        return html(200, authorizeForm({ request: Object.fromEntries(query) }));
      },
    },
    {
      method: 'POST',
      path: '/_local/oidc/authorize',
      async handle({ body }) {
        const form = formValues(body);
        const request = parseAuthorization(
          new URLSearchParams(Object.entries(form).filter(([k]) => k in AuthorizationRequest.shape)),
        );
        if (!request.success) return html(400, authorizeForm({ error: request.error.issues.map((i) => i.message) }));
        const { role, territory, commune, sub, email, birthdate, postalCode, residenceInsee } =
          form as AuthorizeFormValues;
        const identity = TokenRequest.safeParse({
          role,
          territory,
          commune,
          sub,
          email,
          birthdate,
          postalCode,
          residenceInsee,
        });
        if (!identity.success) {
          const requestParams = Object.fromEntries(
            Object.entries(form).filter(([k]) => k in AuthorizationRequest.shape),
          );
          return html(
            400,
            authorizeForm({ request: requestParams, values: form, error: identity.error.issues.map((i) => i.message) }),
          );
        }
        const code = randomBytes(24).toString('base64url');
        codes.set(code, {
          request: request.data,
          identity: { ...identity.data, sub: subjectFor(identity.data) },
          expiresAt: Date.now() + CODE_LIFETIME_MS,
        });
        const back = new URL(request.data.redirect_uri);
        back.searchParams.set('code', code);
        if (request.data.state !== undefined) back.searchParams.set('state', request.data.state);
        back.searchParams.set('iss', issuer);
        return redirect(back.href);
      },
    },
  ];

  const tokenRoute: LocalRoute = {
    method: 'POST',
    path: '/_local/token',
    async handle({ body, headers }) {
      if (/^application\/x-www-form-urlencoded\b/i.test(headers['content-type'] ?? '')) return exchangeCode(body);
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
    config: { issuer, audience: AUDIENCE, jwksUri, roles: [...ROLES], label: 'le fournisseur de développement' },
    issueToken,
    routes: [
      tokenRoute,
      ...authorizeRoutes,
      {
        method: 'GET',
        path: '/_local/oidc/.well-known/openid-configuration',
        handle: () =>
          jsonResponse(200, {
            issuer,
            jwks_uri: jwksUri,
            token_endpoint: tokenEndpoint,
            authorization_endpoint: authorizationEndpoint,
            response_types_supported: ['code'],
            grant_types_supported: ['authorization_code'],
            code_challenge_methods_supported: ['S256'],
            token_endpoint_auth_methods_supported: ['none'],
            authorization_response_iss_parameter_supported: true,
            scopes_supported: ['openid', 'email'],
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
