/**
 * Opaque pagination cursors: the Query's LastEvaluatedKey, base64url JSON. A cursor is only
 * accepted for the partition it came from, so it cannot be replayed against another tenant's
 * query (and DynamoDB never sees a start key that does not fit the query).
 */
import { InvalidCursorError } from '../kernel/errors';

export const encodeCursor = (key: Record<string, unknown> | undefined): string | undefined =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;

/** @param partition key attributes the cursor must carry unchanged, e.g. { pk: 'TERRITORY#…' } */
export const decodeCursor = (
  cursor: string | undefined,
  partition: Readonly<Record<string, string>>,
): Record<string, unknown> | undefined => {
  if (!cursor) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  const fits =
    typeof key === 'object' &&
    key !== null &&
    !Array.isArray(key) &&
    Object.values(key).every((v) => typeof v === 'string' || typeof v === 'number') &&
    Object.entries(partition).every(([name, value]) => (key as Record<string, unknown>)[name] === value);
  if (!fits) throw new InvalidCursorError();
  return key as Record<string, unknown>;
};
