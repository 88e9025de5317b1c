/**
 * DynamoDB adapter of the audit log.
 *
 * Access patterns
 * - record an entry once per event   Put pk=TERRITORY#<siren>#AUDIT, sk=<occurredAt>#<eventId>, if absent
 * - a territory's entries, newest    Query pk=TERRITORY#<siren>#AUDIT, descending, by cursor
 */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { decodeCursor, dynamo, encodeCursor, TABLE_NAME } from '../runtime/dynamo';
import type { AuditEntry, AuditStore } from './audit-log';

const pk = (territory: string) => `TERRITORY#${territory}#AUDIT`;

export const dynamoAuditStore: AuditStore = {
  async record(entry) {
    try {
      await dynamo.send(
        new PutCommand({
          TableName: TABLE_NAME,
          Item: { pk: pk(entry.territory), sk: `${entry.at}#${entry.eventId}`, ...entry },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      // Already recorded: SQS delivered the event again.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  },

  async list(territory, limit, cursor) {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk(territory) },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, { pk: pk(territory) }),
      }),
    );
    const items = (page.Items ?? []).map(({ pk: _pk, sk: _sk, ...entry }) => entry as AuditEntry);
    return { items, cursor: encodeCursor(page.LastEvaluatedKey) };
  },
};
