/**
 * DynamoDB adapter of the open-data context. One small partition per territory,
 * pk = TERRITORY#<siren>#OPENDATA:
 *   DATASET#<slug>    what the last export published of a dataset (files, sizes, checksums)
 *   EXPORT#<ulid>     one export run (queued, running, done, failed, skipped), with what it wrote
 *   LEASE             the export holding the territory, until an instant (conditional writes)
 *
 * Access patterns
 * - the catalogue: every dataset record      Query sk begins_with DATASET# (a handful of items)
 * - save a dataset record after its files    PutItem
 * - an export run                            GetItem / PutItem sk = EXPORT#<id>
 * - take the lease                           PutItem if absent, expired, or already ours
 * - give it back                             DeleteItem if ours
 * Export runs expire (TTL) after 90 days.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, getItem, parseItem, queryAll, TABLE_NAME, TTL_ATTRIBUTE } from '../runtime/dynamo';
import { DatasetRecord, ExportRunRecord } from './opendata';
import type { OpenDataStore } from './opendata-ports';

const pk = (siren: string) => `TERRITORY#${siren}#OPENDATA`;
const RUN_RETENTION_SECONDS = 90 * 86_400;

export const dynamoOpenDataStore: OpenDataStore = {
  async saveRun(run) {
    await dynamo.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: {
          pk: pk(run.territory),
          sk: `EXPORT#${run.id}`,
          ...run,
          [TTL_ATTRIBUTE]: Math.floor(Date.parse(run.requestedAt) / 1000) + RUN_RETENTION_SECONDS,
        },
      }),
    );
  },

  getRun: (siren, id) => getItem(ExportRunRecord, { pk: pk(siren), sk: `EXPORT#${id}` }, { consistent: true }),

  async acquireLease(siren, exportId, now, until) {
    try {
      await dynamo.send(
        new PutCommand({
          TableName: TABLE_NAME,
          Item: { pk: pk(siren), sk: 'LEASE', exportId, until: until.toISOString() },
          ConditionExpression: 'attribute_not_exists(pk) OR #until < :now OR exportId = :mine',
          ExpressionAttributeNames: { '#until': 'until' },
          ExpressionAttributeValues: { ':now': now.toISOString(), ':mine': exportId },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },

  async releaseLease(siren, exportId) {
    try {
      await dynamo.send(
        new DeleteCommand({
          TableName: TABLE_NAME,
          Key: { pk: pk(siren), sk: 'LEASE' },
          ConditionExpression: 'exportId = :mine',
          ExpressionAttributeValues: { ':mine': exportId },
        }),
      );
    } catch (error) {
      // Another export took it after ours expired: it is theirs now.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  },

  async listDatasets(siren) {
    const items = await queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk(siren), ':prefix': 'DATASET#' },
    });
    return items.map((item) => parseItem(DatasetRecord, item));
  },

  async saveDatasets(records) {
    for (const record of records) {
      await dynamo.send(
        new PutCommand({
          TableName: TABLE_NAME,
          Item: { pk: pk(record.territory), sk: `DATASET#${record.slug}`, ...record },
        }),
      );
    }
  },
};
