/**
 * The visitor's session, sealed in a cookie: a JWE (jose: `dir` key management, A256GCM), so its
 * content is neither readable nor forgeable without the key, and nothing is stored server-side.
 * It holds the anti-forgery secret of the visitor's forms and, once signed in, who they are (the
 * claims the platform's token verification gave: never the tokens themselves). An anonymous
 * visitor gets one only when a page shows them a form that posts.
 */
import { EncryptJWT, jwtDecrypt } from 'jose';
import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { ROLES, type Principal } from '../kernel/principal';

/** How long a signed-in session lasts, from sign-in (absolute: no sliding renewal). */
export const SIGNED_IN_SECONDS = 8 * 3600;
/** How long an anonymous visitor's form secret lasts. */
export const ANONYMOUS_SECONDS = 24 * 3600;
/** How long a sign-in may take at the identity provider. */
export const SIGN_IN_SECONDS = 10 * 60;

const PrincipalClaims = z.object({
  sub: z.string(),
  role: z.enum(ROLES),
  territory: z.string().optional(),
  commune: z.string().optional(),
  issuer: z.string(),
  birthdate: z.string().optional(),
  postalCode: z.string().optional(),
  residenceInsee: z.string().optional(),
  email: z.string().optional(),
});

const SessionClaims = z.object({
  purpose: z.literal('session'),
  csrf: z.string().min(16),
  principal: PrincipalClaims.optional(),
});
export type Session = Readonly<z.output<typeof SessionClaims>> & { readonly principal?: Principal };

const SignInClaims = z.object({
  purpose: z.literal('sign-in'),
  issuer: z.string(),
  state: z.string(),
  nonce: z.string(),
  verifier: z.string(),
  /** Where to go back after signing in (a path of this site). */
  returnTo: z.string(),
});
export type SignInTransaction = Readonly<Omit<z.output<typeof SignInClaims>, 'purpose'>>;

export const newSession = (principal?: Principal): Session => ({
  purpose: 'session',
  csrf: randomBytes(32).toString('base64url'),
  ...(principal ? { principal } : {}),
});

const HEADER = { alg: 'dir', enc: 'A256GCM' } as const;

/** Seals and opens sessions and sign-in transactions with the 32-byte key. */
export const sessionCodec = (key: Uint8Array) => {
  if (key.length !== 32) throw new Error('The session key must be 32 bytes (base64url)');
  const seal = (claims: Record<string, unknown>, seconds: number) =>
    new EncryptJWT(claims).setProtectedHeader(HEADER).setIssuedAt().setExpirationTime(`${seconds}s`).encrypt(key);
  const open = async <S extends z.ZodType>(schema: S, token: string | undefined): Promise<z.output<S> | undefined> => {
    if (!token) return undefined;
    try {
      const { payload } = await jwtDecrypt(token, key, {
        keyManagementAlgorithms: ['dir'],
        contentEncryptionAlgorithms: ['A256GCM'],
      });
      const parsed = schema.safeParse(payload);
      return parsed.success ? parsed.data : undefined;
    } catch {
      // Expired, sealed with another key, or tampered with: as if there were none.
      return undefined;
    }
  };
  return {
    sealSession: (session: Session) => seal({ ...session }, session.principal ? SIGNED_IN_SECONDS : ANONYMOUS_SECONDS),
    openSession: (token: string | undefined) => open(SessionClaims, token) as Promise<Session | undefined>,
    sealSignIn: (transaction: SignInTransaction) => seal({ purpose: 'sign-in', ...transaction }, SIGN_IN_SECONDS),
    openSignIn: async (token: string | undefined): Promise<SignInTransaction | undefined> => {
      const claims = await open(SignInClaims, token);
      if (!claims) return undefined;
      const { purpose: _purpose, ...transaction } = claims;
      return transaction;
    },
  };
};

export type SessionCodec = ReturnType<typeof sessionCodec>;

/** Parses a base64url session key (PORTAL_SESSION_KEY, or the AWS secret's value). */
export const sessionKeyFrom = (encoded: string): Uint8Array => {
  const key = Buffer.from(encoded.trim(), 'base64url');
  if (key.length !== 32) throw new Error('The portal session key must be 32 bytes, base64url-encoded');
  return new Uint8Array(key);
};
