/**
 * zod building blocks every context's contract uses: identifiers, pagination. One definition each,
 * so a ULID or a cursor means the same thing on every route.
 */
import * as z from 'zod';
import { ULID_PATTERN } from './ids';

/** A ULID (see ids.ts); `what` names it in the error a caller reads, e.g. 'a report id'. */
export const Ulid = (what = 'an identifier') =>
  z.string().regex(ULID_PATTERN, `${what} is a ULID: 26 characters`).meta({ example: '01JD3Q8M6ZP0R9V4X2B7C5N1TS' });

// ----- numbers that end in the table -----

/** DynamoDB's Number range: a magnitude from 1E-130 to 9.9999999999999999999999999999999999999E+125, or 0. */
export const DYNAMODB_MIN_MAGNITUDE = 1e-130;
export const DYNAMODB_MAX_MAGNITUDE = 9.9999999999999999999999999999999999999e125;

/**
 * True when DynamoDB stores `x` and gives the same number back: finite, 0 or within DynamoDB's
 * magnitudes, and an exact integer when integral (9007199254740993 arrives as 9007199254740992:
 * an integer past 2^53 is not the one the client sent). A JS number has at most 17 significant
 * digits, well under DynamoDB's 38.
 */
export const isStorableNumber = (x: number): boolean => {
  if (!Number.isFinite(x)) return false;
  if (x === 0) return true;
  const magnitude = Math.abs(x);
  if (magnitude < DYNAMODB_MIN_MAGNITUDE || magnitude > DYNAMODB_MAX_MAGNITUDE) return false;
  return !Number.isInteger(x) || Number.isSafeInteger(x);
};

export const STORABLE_NUMBER_MESSAGE =
  'must be a number the platform can store: 0, or a magnitude from 1e-130 up to 9007199254740991 (integers) — not infinite';

/**
 * A number that ends in the table (report answers, thresholds, coordinates, observations…): the
 * acceptance check is the storage check, so what the API accepts, DynamoDB stores.
 */
export const StorableNumber = z.number().refine(isStorableNumber, STORABLE_NUMBER_MESSAGE);

/** A decimal number as written in a query string: digits, an optional sign, point and exponent. */
export const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A number read from a query string (or a form), checked by `schema` (StorableNumber by default).
 * Stricter than z.coerce.number: '0x10', '0b1', ' ', '' and 'Infinity' are not numbers (400 naming
 * the parameter), and the value must be storable. A number (from code) passes through.
 */
export const decimalParam = (schema: z.ZodType<number, number> = StorableNumber) =>
  // A preprocess (not a union): the document shows the parameter as the number it is, with its bounds.
  z.preprocess(
    (value, ctx) => {
      if (typeof value !== 'string') return value;
      if (DECIMAL.test(value)) return Number(value);
      ctx.addIssue({ code: 'custom', message: 'must be a decimal number, e.g. 43.6045', input: value });
      return z.NEVER;
    },
    schema.refine(isStorableNumber, STORABLE_NUMBER_MESSAGE),
  );

/** Page size of a list: `fallback` when absent, at most `max`. */
export const Limit = (fallback = 50, max = 100) => decimalParam(z.number().int().min(1).max(max)).default(fallback);

/** The opaque cursor a list returned, to get its next page. */
export const Cursor = z.string().max(2048).optional().meta({ description: 'The `cursor` of the previous page' });

/** One page of a list: its items and, when there are more, the cursor of the next page. */
export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), cursor: z.string().optional() });

/** A page's shape in code (what `page(schema)` describes). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly cursor?: string;
}
