/**
 * Per-partner ingestion quota: observations per minute per partner of a territory, counted in the
 * table (shared/runtime/quota.ts; item `TERRITORY#<siren>#PARTNER#<id>#QUOTA`, `MINUTE#<minute>`,
 * expiring an hour later). The route's throttle class bounds requests; this bounds points, however
 * they are batched. A partner past it gets 429 with Retry-After, and nothing of the batch is queued.
 */
import { consumeQuota } from '../runtime/quota';

/** Observations one partner may send per minute (60 full batches of 500). */
export const PARTNER_OBSERVATIONS_PER_MINUTE = 30_000;

export const consumePartnerQuota = (
  partner: { readonly territory: string; readonly partnerId: string },
  observations: number,
  now: Date = new Date(),
  perMinute: number = PARTNER_OBSERVATIONS_PER_MINUTE,
): Promise<void> =>
  consumeQuota({
    partition: `TERRITORY#${partner.territory}#PARTNER#${partner.partnerId}#QUOTA`,
    unit: 'observations',
    perMinute,
    amount: observations,
    now,
  });
