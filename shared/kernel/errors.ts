/**
 * Domain errors: plain classes with no HTTP knowledge. One mapper (runtime/problem.ts) turns them
 * into statuses by `instanceof`; anything else is an unexpected error (500, logged).
 */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** The request itself is malformed: wrong types, missing fields, bad JSON. */
export class InvalidInputError extends Error {
  constructor(
    message: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
  }
}

/** Well-formed input that a business rule refuses (e.g. a point outside the territory). */
export class RuleViolationError extends Error {
  constructor(
    message: string,
    readonly rule: string,
  ) {
    super(message);
  }
}

export class NotFoundError extends Error {}

/** The state changed under the caller (version mismatch, illegal transition, duplicate). */
export class ConflictError extends Error {}

/** No valid credentials. */
export class UnauthenticatedError extends Error {}

/** Valid credentials, but not allowed to act here. */
export class ForbiddenError extends Error {}

export class PayloadTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`The request body is larger than ${limitBytes} bytes`);
  }
}

export class UnsupportedMediaTypeError extends Error {}

/** A pagination cursor this API did not hand out for this list (tampered, or from another list). */
export class InvalidCursorError extends Error {
  constructor() {
    super('The cursor is not one this API returned for this list');
  }
}
