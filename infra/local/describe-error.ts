/** For the developer's console: an error's stack (where it came from), or whatever was thrown. */
export const describeError = (error: unknown): string =>
  error instanceof Error ? (error.stack ?? error.message) : String(error);
