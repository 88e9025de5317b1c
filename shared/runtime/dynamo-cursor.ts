/**
 * Opaque, tamper-evident pagination cursors. A cursor is the position where a page ended (a
 * Query's LastEvaluatedKey, or what a store needs to resume), sealed with AES-256-GCM: the
 * client sees random-looking bytes (no key names, no tenant), and a cursor whose bytes were
 * changed, cut or made elsewhere does not open. The scope of the list it came from (the index
 * and partition, the sort-key bounds) is the cipher's associated data, so a cursor opens only
 * for that same list: replayed on another tenant's or another index's list it is refused, and
 * DynamoDB never sees a start key that does not fit the query.
 *
 * Layout (base64url): version byte | 12-byte nonce | ciphertext | 16-byte tag.
 *
 * The key (32 bytes) comes from config: CURSOR_KEY (the local runtime generates one at first
 * start), or in AWS derived (HKDF) from the Secrets Manager secret named by CURSOR_SECRET_ARN.
 * Without either, against DynamoDB Local only (integration tests), a key is made for the process.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { InvalidCursorError } from '../kernel/errors';
import { config } from './config';

const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** The longest cursor accepted (the contract's Cursor allows 2 048 characters; ours stay far under). */
export const MAX_CURSOR_CHARS = 2048;

/** What a cursor is bound to: the list it pages (index, partition, bounds…). */
export type CursorScope = Readonly<Record<string, string | number | boolean | undefined>>;

/** Where a page ended, as a store records it: plain JSON values only. */
export type CursorPosition = Readonly<Record<string, unknown>>;

/** Scope as stable bytes: keys sorted, undefined left out. */
const scopeBytes = (scope: CursorScope): Buffer =>
  Buffer.from(
    JSON.stringify(
      Object.keys(scope)
        .sort()
        .filter((name) => scope[name] !== undefined)
        .map((name) => [name, scope[name]]),
    ),
  );

/** Derives the cursor key from any secret string (the CursorKey secret in AWS). */
export const cursorKeyFrom = (secret: string): Buffer =>
  Buffer.from(
    hkdfSync('sha256', Buffer.from(secret.trim()), Buffer.alloc(0), 'ville-ouverte pagination cursor v1', 32),
  );

let keyPromise: Promise<Buffer> | undefined;

const loadKey = async (): Promise<Buffer> => {
  const { cursorKey, cursorSecretArn } = config.cursors;
  if (cursorKey) return cursorKeyFrom(cursorKey);
  if (cursorSecretArn) {
    // Imported only where a secret is configured (AWS): the SDK client stays out of other paths.
    const { readSecretString } = await import('./secrets');
    return cursorKeyFrom(await readSecretString(cursorSecretArn, config.region));
  }
  // A per-process key is only good for one process: allowed against DynamoDB Local (tests), never in AWS.
  if (config.dynamodbEndpoint) return randomBytes(32);
  throw new Error('Missing environment variable CURSOR_KEY (or CURSOR_SECRET_ARN in AWS)');
};

const cursorKey = (): Promise<Buffer> => {
  keyPromise ??= loadKey().catch((error: unknown) => {
    keyPromise = undefined; // a failed read (network) is tried again on the next call
    throw error;
  });
  return keyPromise;
};

/** Seals where a page ended, bound to its list. */
export const sealCursor = (key: Buffer, scope: CursorScope, position: CursorPosition): string => {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(scopeBytes(scope));
  const body = Buffer.concat([cipher.update(JSON.stringify(position), 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.of(VERSION), nonce, body, cipher.getAuthTag()]).toString('base64url');
};

/** Opens a cursor made by sealCursor for the same scope; anything else is an InvalidCursorError (400). */
export const openCursor = (key: Buffer, scope: CursorScope, cursor: string): Record<string, unknown> => {
  if (cursor.length > MAX_CURSOR_CHARS || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw new InvalidCursorError();
  const bytes = Buffer.from(cursor, 'base64url');
  // Only the canonical spelling opens: base64's last character has bits the decoder ignores, so
  // without this check a cursor changed there would still open.
  if (bytes.toString('base64url') !== cursor) throw new InvalidCursorError();
  if (bytes.length < 1 + NONCE_BYTES + TAG_BYTES + 2 || bytes[0] !== VERSION) throw new InvalidCursorError();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(1, 1 + NONCE_BYTES));
    decipher.setAAD(scopeBytes(scope));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const plain = Buffer.concat([
      decipher.update(bytes.subarray(1 + NONCE_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]);
    const position: unknown = JSON.parse(plain.toString('utf8'));
    if (typeof position !== 'object' || position === null || Array.isArray(position)) throw new InvalidCursorError();
    return position as Record<string, unknown>;
  } catch {
    throw new InvalidCursorError();
  }
};

/** The cursor for where a page ended (undefined when the list is over), with the configured key. */
export const encodeCursor = async (
  scope: CursorScope,
  position: CursorPosition | undefined,
): Promise<string | undefined> => (position ? sealCursor(await cursorKey(), scope, position) : undefined);

/** Where the previous page of this list ended; undefined without a cursor; 400 for one not made for this list. */
export const decodeCursor = async (
  scope: CursorScope,
  cursor: string | undefined,
): Promise<Record<string, unknown> | undefined> => {
  if (cursor === undefined || cursor === '') return undefined;
  // Checked before the key is read: a malformed cursor costs nothing.
  if (cursor.length > MAX_CURSOR_CHARS) throw new InvalidCursorError();
  return openCursor(await cursorKey(), scope, cursor);
};
