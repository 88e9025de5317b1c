/**
 * The one place where errors become HTTP statuses: RFC 9457 problem+json with a stable `type`.
 * Domain errors are mapped by `instanceof`; anything else is an unexpected 500 whose details stay
 * in the log, under the correlation id the client is given.
 */
import * as z from 'zod';
import {
  InvalidCursorError,
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PayloadTooLargeError,
  RuleViolationError,
  UnauthenticatedError,
  UnsupportedMediaTypeError,
} from './errors';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** RFC 9457 problem details, as every problem+json answer carries them. */
export const ProblemSchema = z
  .object({
    type: z.string().meta({ example: 'urn:ville-ouverte:problem:invalid-input' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    correlationId: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .readonly()
      .optional(),
    rule: z.string().optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

export type Problem = Readonly<z.output<typeof ProblemSchema>>;

const problemType = (slug: string): string => `urn:ville-ouverte:problem:${slug}`;

type Mapping = readonly [new (...args: never[]) => Error, number, string, string];

const MAPPINGS: readonly Mapping[] = [
  [InvalidInputError, 400, 'invalid-input', 'The request is not valid'],
  [InvalidCursorError, 400, 'invalid-cursor', 'The cursor is not valid'],
  [UnauthenticatedError, 401, 'unauthenticated', 'Authentication required'],
  [ForbiddenError, 403, 'forbidden', 'Not allowed'],
  [NotFoundError, 404, 'not-found', 'Not found'],
  [ConflictError, 409, 'conflict', 'Conflict with the current state'],
  [PayloadTooLargeError, 413, 'payload-too-large', 'Request body too large'],
  [UnsupportedMediaTypeError, 415, 'unsupported-media-type', 'Unsupported media type'],
  [RuleViolationError, 422, 'rule-violation', 'A rule refuses this request'],
];

/** Returns the problem for a known error, or undefined for an unexpected one. */
export const problemFor = (error: unknown): Problem | undefined => {
  for (const [errorClass, status, slug, title] of MAPPINGS) {
    if (error instanceof errorClass) {
      return {
        type: problemType(slug),
        title,
        status,
        detail: error.message,
        ...(error instanceof InvalidInputError && error.issues.length > 0 ? { errors: error.issues } : {}),
        ...(error instanceof RuleViolationError ? { rule: error.rule } : {}),
      };
    }
  }
  return undefined;
};

export const unexpectedProblem = (correlationId: string): Problem => ({
  type: problemType('internal'),
  title: 'Internal error',
  status: 500,
  detail: `An unexpected error occurred. Quote correlation id ${correlationId} when reporting it.`,
});
