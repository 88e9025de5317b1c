/**
 * Throttle classes: each route belongs to one (declared as `throttle`, or derived from its access
 * level and method), and each class has a steady rate and a burst (a token bucket).
 *
 * In AWS the CDK app sets them as the HTTP API stage's route settings (throttlingRateLimit /
 * throttlingBurstLimit per route key): a ceiling for the route across every caller, which protects
 * the functions and the table; one address is bounded by the WAF's per-IP rate rule in front of
 * CloudFront. The local gateway enforces the same numbers per client address and class, answering
 * 429 with Retry-After and a problem+json body.
 */
import type { HttpMethod, RouteAccess } from './types';

export type ThrottleClass = 'public-read' | 'public-write' | 'agent' | 'partner-ingestion';

export interface ThrottleLimit {
  /** Steady requests per second. */
  readonly rate: number;
  /** Requests allowed at once above the steady rate (the bucket's size). */
  readonly burst: number;
}

export const THROTTLE_CLASSES: Readonly<Record<ThrottleClass, ThrottleLimit>> = {
  // Anyone reading: pages, lists, maps, open data, the catalogue.
  'public-read': { rate: 50, burst: 100 },
  // Anyone (or any citizen) writing: a report, a support, a comment, a ballot. Small: a person
  // files a few of these a minute; a flood of anonymous reports is refused early.
  'public-write': { rate: 5, burst: 10 },
  // Agents and admins at work: a back office opens several lists at once.
  agent: { rate: 25, burst: 50 },
  // Partners' sensor deliveries (batches of up to 500 points; per-partner quotas are apart).
  'partner-ingestion': { rate: 10, burst: 20 },
};

const READS: readonly HttpMethod[] = ['GET', 'HEAD'];

/** The class of a route: its declared `throttle`, else derived from who calls it and how. */
export const throttleClassOf = (route: {
  readonly throttle?: ThrottleClass;
  readonly access: RouteAccess;
  readonly method: HttpMethod;
  readonly credentials?: 'apiKey';
}): ThrottleClass => {
  if (route.throttle) return route.throttle;
  if (route.credentials === 'apiKey' && !READS.includes(route.method)) return 'partner-ingestion';
  if (route.access === 'agent' || route.access === 'admin') return 'agent';
  return READS.includes(route.method) ? 'public-read' : 'public-write';
};

/** Whole seconds until a request may be tried again (Retry-After), at least 1. */
export const retryAfterSeconds = (limit: ThrottleLimit, tokens: number): number =>
  Math.max(1, Math.ceil((1 - tokens) / limit.rate));
