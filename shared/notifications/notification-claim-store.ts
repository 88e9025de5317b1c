/**
 * DynamoDB adapter of notification claims: which message of which event went to whom.
 *
 * Why claim before sending. SQS delivers an event at least once, and SES has no idempotency key:
 * sending first and recording afterwards would send twice whenever a delivery is repeated after
 * the send (a crash, a timeout, a redelivery racing the first). Claiming first makes the message
 * at most once per (event, recipient): the conditional put lets exactly one delivery through. The
 * price: a crash between the claim and the send loses that one message rather than sending it
 * twice. A send that fails with an error gives its claim back (release), so the retry sends it.
 *
 * Items (the recipient is a SHA-256 of the normalized address: no address is stored here):
 *   pk = TERRITORY#<siren>#NOTIFICATION#<eventId>   sk = RECIPIENT#<sha256>   expiresAt (TTL, 30 days)
 *
 * Access patterns
 * - claim (event, recipient)     Put if attribute_not_exists(pk) (no delivery of an event comes 30 days late)
 * - release it after a failure   Delete by key
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ABSENT, conditionFields, dynamo, TABLE_NAME, TTL_ATTRIBUTE } from '../runtime/dynamo';
import type { ClaimKey, NotificationClaims } from './notification-ports';

const keyOf = ({ territory, eventId, recipientKey }: ClaimKey) => ({
  pk: `TERRITORY#${territory}#NOTIFICATION#${eventId}`,
  sk: `RECIPIENT#${recipientKey}`,
});

export const dynamoNotificationClaims: NotificationClaims = {
  async claim(key, expiresAt) {
    try {
      await dynamo.send(
        new PutCommand({
          TableName: TABLE_NAME,
          Item: { ...keyOf(key), [TTL_ATTRIBUTE]: Math.floor(expiresAt.getTime() / 1000) },
          ...conditionFields(ABSENT),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },

  async release(key) {
    await dynamo.send(new DeleteCommand({ TableName: TABLE_NAME, Key: keyOf(key) }));
  },
};
