/**
 * zod building blocks every context's contract uses: identifiers, pagination. One definition each,
 * so a ULID or a cursor means the same thing on every route.
 */
import { z } from 'zod';
import { ULID_PATTERN } from './ids';

/** A ULID (see ids.ts); `what` names it in the error a caller reads, e.g. 'a report id'. */
export const Ulid = (what = 'an identifier') =>
  z.string().regex(ULID_PATTERN, `${what} is a ULID: 26 characters`).meta({ example: '01JD3Q8M6ZP0R9V4X2B7C5N1TS' });

/** Page size of a list: `fallback` when absent, at most `max`. */
export const Limit = (fallback = 50, max = 100) => z.coerce.number().int().min(1).max(max).default(fallback);

/** The opaque cursor a list returned, to get its next page. */
export const Cursor = z.string().max(2048).optional().meta({ description: 'The `cursor` of the previous page' });

/** One page of a list: its items and, when there are more, the cursor of the next page. */
export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), cursor: z.string().optional() });

/** A page's shape in code (what `page(schema)` describes). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly cursor?: string;
}
