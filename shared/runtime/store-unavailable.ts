/**
 * The store cannot be reached or keeps refusing for load: DynamoDB connection errors and timeouts,
 * and throttling still there after the SDK's own retries. The HTTP stack answers these 503 with
 * Retry-After (problem `store-unavailable`) rather than a 500: nothing was wrong with the request,
 * and the same request may succeed in a moment. Knowledge of the SDK's error names stays here, in
 * the runtime; the domain never sees it.
 */

/** Seconds a client is asked to wait before trying again. */
export const STORE_RETRY_AFTER_SECONDS = 5;

/** Errors DynamoDB answers when it refuses for load (after the SDK's retries). */
const THROTTLED = new Set([
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ThrottlingException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
]);

/** Node's socket errors: the endpoint is down, unreachable, or dropped the connection. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);

/** SDK names for a request that got no answer in time (NodeHttpHandler's requestTimeout, an abort). */
const TIMED_OUT = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);

/** True when `error` (or what caused it) says the store is unreachable or overloaded for now. */
export const isStoreUnavailable = (error: unknown, depth = 0): boolean => {
  if (!(error instanceof Error) || depth > 4) return false;
  const code = (error as NodeJS.ErrnoException).code;
  if (THROTTLED.has(error.name) || TIMED_OUT.has(error.name) || (code !== undefined && UNREACHABLE.has(code)))
    return true;
  // Node wraps a refused dual-stack connect in an AggregateError; the SDK sometimes keeps a cause.
  if (error instanceof AggregateError && error.errors.some((inner) => isStoreUnavailable(inner, depth + 1)))
    return true;
  return isStoreUnavailable((error as { cause?: unknown }).cause, depth + 1);
};
