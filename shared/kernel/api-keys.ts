/**
 * API keys of the platform's machine callers (sensor partners, Open311 client applications):
 * `vo_<keyId>_<secret>`. The key id (a ULID) names the stored record, so checking a key is one
 * GetItem, not a search; the secret is 256 random bits, stored as its SHA-256 only, and shown once
 * when issued.
 *
 * Why SHA-256 and not bcrypt/scrypt: slow hashes protect low-entropy secrets (passwords people
 * choose) from guessing. A 256-bit random secret cannot be guessed, slow or fast, so a slow hash
 * would only add ~100 ms of CPU to every request. Pure (node:crypto only).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { ULID_PATTERN } from './ids';

/** vo_<keyId: a ULID>_<secret: 32 bytes in base64url> */
const KEY_FORMAT = new RegExp(`^vo_(${ULID_PATTERN.source.replace(/^\^|\$$/g, '')})_([A-Za-z0-9_-]{43})$`);

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export interface GeneratedKey {
  /** The key as the caller will send it: shown once, never stored. */
  readonly plaintext: string;
  readonly hash: string;
  /** The last characters, so an admin can tell keys apart in a listing. */
  readonly hint: string;
}

export const generateApiKey = (keyId: string): GeneratedKey => {
  const plaintext = `vo_${keyId}_${randomBytes(32).toString('base64url')}`;
  return { plaintext, hash: sha256(plaintext), hint: plaintext.slice(-4) };
};

/** What every stored key keeps besides its owner: the hash, a hint, and who issued and revoked it. */
export const storedKeyFields = {
  hash: z.string(),
  hint: z.string().meta({ description: 'The last 4 characters of the key' }),
  status: z.enum(['active', 'revoked']),
  createdAt: z.string(),
  createdBy: z.string(),
  revokedAt: z.string().optional(),
  revokedBy: z.string().optional(),
};

/** What a caller may see of a stored key: never its hash. */
export const withoutHash = <T extends { readonly hash: string }>({ hash: _hash, ...view }: T): Omit<T, 'hash'> => view;

/** The key id of a well-formed key, or undefined. */
export const keyIdOf = (presented: string): string | undefined => KEY_FORMAT.exec(presented)?.[1];

/** Constant-time comparison of the presented key's hash with the stored one. */
export const keyMatches = (presented: string, storedHash: string): boolean => {
  const given = Buffer.from(sha256(presented), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
};
