/**
 * Verifies bearer tokens against the configured OpenID Connect issuers' JWKS. The same code runs
 * in AWS (after API Gateway's JWT authorizer) and on one machine (the development issuer).
 */
import {
  createRemoteJWKSet,
  decodeJwt,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import * as z from 'zod';
import { config, type OidcIssuerConfig } from './config';
import { ForbiddenError, UnauthenticatedError } from '../kernel/errors';
import { ROLES, type Principal, type Role } from '../kernel/principal';

const SIREN = /^\d{9}$/;
const INSEE = /^(\d{5}|2[AB]\d{3})$/;
const BIRTHDATE = /^\d{4}-\d{2}-\d{2}$/;
const POSTAL_CODE = /^\d{5}$/;
/** As the reports' contact e-mail is checked: an address the mailer can send to. */
const EMAIL = z.email().max(254);

const keySets = new Map<string, Promise<JWTVerifyGetKey>>();

/** JWKS per issuer, discovered once per container when the configuration names none. */
const keysFor = (issuer: OidcIssuerConfig): Promise<JWTVerifyGetKey> => {
  let keys = keySets.get(issuer.issuer);
  if (!keys) {
    keys = (async () => {
      if (issuer.jwksUri) return createRemoteJWKSet(new URL(issuer.jwksUri));
      const discovery = await fetch(`${issuer.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
      const { jwks_uri: jwksUri } = (await discovery.json()) as { jwks_uri: string };
      return createRemoteJWKSet(new URL(jwksUri));
    })();
    keys.catch(() => keySets.delete(issuer.issuer));
    keySets.set(issuer.issuer, keys);
  }
  return keys;
};

const unverifiedIssuer = (token: string): string | undefined => {
  try {
    return decodeJwt(token).iss;
  } catch {
    throw new UnauthenticatedError('The bearer token is not a JWT');
  }
};

/** A calendar date YYYY-MM-DD that exists (FranceConnect may send 00 for an unknown day or month). */
const isCalendarDate = (value: string): boolean => {
  const match = BIRTHDATE.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
};

/** Optional identity claims used by participation eligibility; a malformed one is left out, not trusted. */
const residenceClaims = (claims: JWTPayload): Pick<Principal, 'birthdate' | 'postalCode' | 'residenceInsee'> => {
  const { birthdate, address, residence_insee: residenceInsee } = claims as Record<string, unknown>;
  const postalCode =
    typeof address === 'object' && address !== null ? (address as Record<string, unknown>).postal_code : undefined;
  return {
    ...(typeof birthdate === 'string' && isCalendarDate(birthdate) ? { birthdate } : {}),
    ...(typeof postalCode === 'string' && POSTAL_CODE.test(postalCode) ? { postalCode } : {}),
    ...(typeof residenceInsee === 'string' && INSEE.test(residenceInsee) ? { residenceInsee } : {}),
  };
};

/** The OIDC `email`, if well formed and not declared unverified (a provider that omits `email_verified` is trusted). */
const emailClaim = (claims: JWTPayload): Pick<Principal, 'email'> => {
  const { email, email_verified: verified } = claims as Record<string, unknown>;
  return verified !== false && EMAIL.safeParse(email).success ? { email: email as string } : {};
};

const principalFrom = (claims: JWTPayload, issuer: OidcIssuerConfig): Principal => {
  const role = (claims.role ?? 'citizen') as Role;
  if (!ROLES.includes(role)) throw new UnauthenticatedError(`Unknown role "${String(claims.role)}" in token`);
  if (!issuer.roles.includes(role)) throw new ForbiddenError(`Issuer ${issuer.issuer} may not grant the role ${role}`);
  const territory = typeof claims.territory === 'string' && SIREN.test(claims.territory) ? claims.territory : undefined;
  const commune = typeof claims.commune === 'string' && INSEE.test(claims.commune) ? claims.commune : undefined;
  if (role !== 'citizen' && !territory) throw new ForbiddenError(`A ${role} token must name its territory (SIREN)`);
  return {
    sub: claims.sub ?? '',
    role,
    territory,
    commune,
    issuer: issuer.issuer,
    ...residenceClaims(claims),
    ...emailClaim(claims),
  };
};

/**
 * Tokens this container verified lately, by their exact text: a client sends the same token with
 * every request until it expires, and a signature check (WebCrypto, ~0.3–0.7 ms) was most of the
 * HTTP stack's cost (bench/http-overhead.ts). An entry is used only for the issuer configuration it
 * was verified against, never past the token's `exp`, and for at most VERIFIED_TTL_MS: jose keeps an
 * issuer's JWKS up to 10 minutes (cacheMaxAge), so a key withdrawn from it stops a remembered token
 * at most a minute after it stops a fresh verification. Failures are not kept.
 */
const VERIFIED_TTL_MS = 60_000;
const VERIFIED_MAX = 1000;
const verified = new Map<string, { principal: Principal; issuer: OidcIssuerConfig; until: number }>();

const rememberVerified = (token: string, principal: Principal, issuer: OidcIssuerConfig, exp: number) => {
  if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!); // the oldest
  verified.set(token, { principal, issuer, until: Math.min(exp * 1000, Date.now() + VERIFIED_TTL_MS) });
};

/** Returns the caller, undefined when no Authorization header was sent. */
export const verifyAuthorization = async (
  authorization: string | undefined,
  issuers: readonly OidcIssuerConfig[] = config.oidcIssuers,
): Promise<Principal | undefined> => {
  if (!authorization) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match?.[1]) throw new UnauthenticatedError('The Authorization header must be "Bearer <token>"');
  const token = match[1];
  const known = verified.get(token);
  if (known) {
    // jose's own test: expired once exp <= now (in seconds), so `until` (≤ exp in ms) is exclusive.
    if (Date.now() < known.until && issuers.includes(known.issuer)) return known.principal;
    verified.delete(token);
  }
  const iss = unverifiedIssuer(token);
  const issuer = issuers.find((candidate) => candidate.issuer === iss);
  if (!issuer) throw new UnauthenticatedError(`Tokens from issuer "${iss ?? '(none)'}" are not accepted`);
  try {
    const { payload } = await jwtVerify(token, await keysFor(issuer), {
      issuer: issuer.issuer,
      audience: issuer.audience,
      algorithms: ['RS256', 'PS256', 'ES256'],
      requiredClaims: ['sub', 'exp'],
    });
    const principal = Object.freeze(principalFrom(payload, issuer));
    rememberVerified(token, principal, issuer, payload.exp!);
    return principal;
  } catch (error) {
    if (error instanceof joseErrors.JOSEError) throw new UnauthenticatedError(`Invalid token: ${error.message}`);
    throw error;
  }
};
