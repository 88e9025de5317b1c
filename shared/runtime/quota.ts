/**
 * Quotas per caller and minute, counted in the table: one item per (caller, minute) whose counter a
 * conditional ADD raises only while it stays within the limit, so concurrent requests (several
 * functions at once in AWS) never overshoot it; the item expires (TTL) an hour after its minute.
 * A refusal is a QuotaExceededError, answered 429 with Retry-After (the seconds left in the minute)
 * by the HTTP stack. Per-route throttling is apart (shared/wiring/throttle.ts).
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, TABLE_NAME, TTL_ATTRIBUTE } from './dynamo';

import { QuotaExceededError } from './quota-exceeded';

export { QuotaExceededError };

export interface QuotaRequest {
  /** The partition of the caller's counters, e.g. TERRITORY#<siren>#PARTNER#<id>#QUOTA. */
  readonly partition: string;
  /** What is counted, for the message (e.g. "observations"). */
  readonly unit: string;
  readonly perMinute: number;
  /** How much this request uses. */
  readonly amount: number;
  readonly now: Date;
}

const MINUTE_MS = 60_000;

/** Counts `amount` against this minute's quota, or refuses the whole of it (nothing counted). */
export const consumeQuota = async (request: QuotaRequest): Promise<void> => {
  const { partition, unit, perMinute, amount, now } = request;
  const minuteStart = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  const retryAfterSeconds = Math.max(1, Math.ceil((minuteStart + MINUTE_MS - now.getTime()) / 1000));
  const refused = () =>
    new QuotaExceededError(
      `This caller may send ${perMinute} ${unit} per minute; ${amount} more would pass it: try again in ${retryAfterSeconds} s`,
      retryAfterSeconds,
    );
  if (amount > perMinute) throw refused();
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: { pk: partition, sk: `MINUTE#${new Date(minuteStart).toISOString().slice(0, 16)}` },
        UpdateExpression: 'ADD #used :amount SET #expires = if_not_exists(#expires, :expires)',
        ConditionExpression: 'attribute_not_exists(#used) OR #used <= :room',
        ExpressionAttributeNames: { '#used': 'used', '#expires': TTL_ATTRIBUTE },
        ExpressionAttributeValues: {
          ':amount': amount,
          ':room': perMinute - amount,
          ':expires': Math.floor((minuteStart + 61 * MINUTE_MS) / 1000),
        },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw refused();
    throw error;
  }
};
