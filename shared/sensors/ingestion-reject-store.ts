/**
 * Ingestion the observation writer set aside (points it cannot store, messages it gave up on),
 * kept 90 days for the territory's admins, who list them and re-drive them.
 *
 * Access patterns
 * - keep a rejection        Put pk=TERRITORY#<siren>#INGESTION-REJECTS, sk=REJECT#<id> (id derived
 *                           from the batch and its points: a redelivered message writes the same item)
 * - a territory's, newest   Query gsi1pk=TERRITORY#<siren>#INGESTION-REJECTS, gsi1sk=<rejectedAt>#<id>, descending, by cursor
 * - one, to re-drive        GetItem
 * - mark it re-driven       Update if state = rejected (once)
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, getItem, INDEXES, parseItem, queryPage, TABLE_NAME, TTL_ATTRIBUTE } from '../runtime/dynamo';
import { rejectsPk } from './sensor-keys';
import type { RejectStore } from './sensors-ports';
import { RejectedIngestion } from './sensors';

const KEEP_SECONDS = 90 * 86_400;
const keyOf = (siren: string, id: string) => ({ pk: rejectsPk(siren), sk: `REJECT#${id}` });

export const dynamoRejectStore: RejectStore = {
  async record(rejection) {
    await dynamo
      .send(
        new PutCommand({
          TableName: TABLE_NAME,
          Item: {
            ...keyOf(rejection.territory, rejection.id),
            ...rejection,
            gsi1pk: rejectsPk(rejection.territory),
            gsi1sk: `${rejection.rejectedAt}#${rejection.id}`,
            [TTL_ATTRIBUTE]: Math.floor(Date.parse(rejection.rejectedAt) / 1000) + KEEP_SECONDS,
          },
          // Redelivered: the first record stands (its time, and a re-drive already made).
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      )
      .catch((error: unknown) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  },

  get: (siren, id) => getItem(RejectedIngestion, keyOf(siren, id), { consistent: true }),

  async list(siren, { limit, cursor }) {
    const page = await queryPage({
      index: INDEXES.gsi1,
      partition: rejectsPk(siren),
      order: 'descending',
      limit,
      cursor,
    });
    return { ...page, items: page.items.map((item) => parseItem(RejectedIngestion, item)) };
  },

  async markRedriven(siren, id, at, batchId) {
    try {
      await dynamo.send(
        new UpdateCommand({
          TableName: TABLE_NAME,
          Key: keyOf(siren, id),
          UpdateExpression: 'SET #state = :redriven, redrivenAt = :at, redriveBatchId = :batch',
          ConditionExpression: '#state = :rejected',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':redriven': 'redriven', ':rejected': 'rejected', ':at': at, ':batch': batchId },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },
};
