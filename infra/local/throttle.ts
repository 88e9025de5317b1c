/**
 * The local gateway's throttling: one token bucket per client address and throttle class
 * (shared/wiring/throttle.ts), refilled at the class's rate up to its burst. A request finding the
 * bucket empty gets 429 with Retry-After and a problem+json body, before any handler runs.
 */
import { PROBLEM_CONTENT_TYPE } from '../../shared/kernel/problem';
import {
  retryAfterSeconds,
  THROTTLE_CLASSES,
  type ThrottleClass,
  type ThrottleLimit,
} from '../../shared/wiring/throttle';
import type { HttpResponse } from './api-gateway-event';

export interface ThrottleOptions {
  /** Limits per class; @default THROTTLE_CLASSES */
  readonly limits?: Readonly<Record<ThrottleClass, ThrottleLimit>>;
  /**
   * Client addresses never throttled: a test run sends the whole suite from 127.0.0.1 and sets it
   * here (LOCAL_THROTTLE_EXEMPT), while the throttling test calls from another loopback address.
   */
  readonly exempt?: readonly string[];
  readonly now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Forgets buckets idle long enough to be full again, so the map stays small. */
const SWEEP_EVERY = 1000;

export const createThrottle = (options: ThrottleOptions = {}) => {
  const limits = options.limits ?? THROTTLE_CLASSES;
  const exempt = new Set(options.exempt ?? []);
  const now = options.now ?? Date.now;
  const buckets = new Map<string, Bucket>();
  let taken = 0;

  const sweep = (at: number) => {
    for (const [key, bucket] of buckets) {
      const limit = limits[key.slice(0, key.indexOf(' ')) as ThrottleClass];
      if (bucket.tokens + ((at - bucket.at) / 1000) * limit.rate >= limit.burst) buckets.delete(key);
    }
  };

  return {
    /** Takes a token for this client and class: undefined when allowed, else the 429 to answer. */
    take(clientAddress: string, throttleClass: ThrottleClass, path: string): HttpResponse | undefined {
      if (exempt.has(clientAddress)) return undefined;
      const limit = limits[throttleClass];
      const at = now();
      if (++taken % SWEEP_EVERY === 0) sweep(at);
      const key = `${throttleClass} ${clientAddress}`;
      const bucket = buckets.get(key) ?? { tokens: limit.burst, at };
      bucket.tokens = Math.min(limit.burst, bucket.tokens + ((at - bucket.at) / 1000) * limit.rate);
      bucket.at = at;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return undefined;
      }
      const retryAfter = retryAfterSeconds(limit, bucket.tokens);
      return {
        statusCode: 429,
        headers: { 'content-type': PROBLEM_CONTENT_TYPE, 'retry-after': String(retryAfter) },
        cookies: [],
        body: Buffer.from(
          JSON.stringify({
            type: 'urn:ville-ouverte:problem:too-many-requests',
            title: 'Too many requests',
            status: 429,
            detail: `More than ${limit.burst} requests at once or ${limit.rate} per second (${throttleClass}); try again in ${retryAfter} s`,
            instance: path,
          }),
        ),
      };
    },
  };
};

export type Throttle = ReturnType<typeof createThrottle>;
