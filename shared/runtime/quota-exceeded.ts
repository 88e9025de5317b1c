/**
 * A caller used its quota for this minute (shared/runtime/quota.ts). Apart from the quota's store so
 * the HTTP stack can answer it (429, Retry-After) without loading the DynamoDB client.
 */
export class QuotaExceededError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
