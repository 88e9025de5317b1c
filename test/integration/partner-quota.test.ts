/**
 * Per-partner ingestion quota on DynamoDB Local (shared/sensors/partner-quota-store.ts): a partner's
 * observations per minute are counted by a conditional ADD, so concurrent batches never pass the
 * limit; a batch that would pass it is refused whole with the seconds left in the minute; the next
 * minute starts afresh; partners are counted apart.
 */
import { useFreshTable } from '../support/integration-table';

await useFreshTable('partner-quota');
const { consumePartnerQuota } = await import('../../shared/sensors/partner-quota-store');
const { QuotaExceededError } = await import('../../shared/runtime/quota');

const partner = { territory: '243100518', partnerId: 'air-partner' };
const at = (iso: string) => new Date(iso);

describe('a partner’s ingestion quota', () => {
  it('holds under concurrent batches, refuses a batch whole past it, and starts again each minute', async () => {
    const now = at('2026-11-30T10:15:20Z');
    // 12 batches of 100 at once against a quota of 1 000: exactly 10 pass.
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, () => consumePartnerQuota(partner, 100, now, 1000)),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(10);
    const refusals = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    expect(refusals).toHaveLength(2);
    for (const refusal of refusals) {
      expect(refusal).toBeInstanceOf(QuotaExceededError);
      // 40 s left in the minute.
      expect((refusal as InstanceType<typeof QuotaExceededError>).retryAfterSeconds).toBe(40);
    }
    // Even one more point is refused this minute; another partner is counted apart.
    await expect(consumePartnerQuota(partner, 1, at('2026-11-30T10:15:59Z'), 1000)).rejects.toThrow(
      /1000 observations per minute/,
    );
    await expect(consumePartnerQuota({ ...partner, partnerId: 'noise' }, 1000, now, 1000)).resolves.toBeUndefined();
    // The next minute starts afresh.
    await expect(consumePartnerQuota(partner, 1000, at('2026-11-30T10:16:00Z'), 1000)).resolves.toBeUndefined();
  });

  it('refuses a batch larger than the whole quota without counting it', async () => {
    const now = at('2026-11-30T11:00:00Z');
    await expect(consumePartnerQuota(partner, 1001, now, 1000)).rejects.toBeInstanceOf(QuotaExceededError);
    await expect(consumePartnerQuota(partner, 1000, now, 1000)).resolves.toBeUndefined();
  });
});
