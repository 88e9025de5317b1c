/**
 * DynamoDB adapter of the audit log.
 *
 * Access patterns
 * - record an entry once per event   Put pk=TERRITORY#<siren>#AUDIT, sk=<occurredAt>#<eventId>, if absent
 * - a territory's entries, newest    Query pk=TERRITORY#<siren>#AUDIT, descending, by cursor
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { ABSENT, conditionFields, dynamo, parseItem, queryPage, TABLE_NAME } from '../runtime/dynamo';
import { AuditEntryRecord, type AuditStore } from './audit-log';

const pk = (territory: string) => `TERRITORY#${territory}#AUDIT`;

export const dynamoAuditStore: AuditStore = {
  async record(entry) {
    try {
      await dynamo.send(
        new PutCommand({
          TableName: TABLE_NAME,
          Item: { pk: pk(entry.territory), sk: `${entry.at}#${entry.eventId}`, ...entry },
          ...conditionFields(ABSENT),
        }),
      );
    } catch (error) {
      // Already recorded: SQS delivered the event again.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  },

  async list(territory, limit, cursor) {
    const page = await queryPage({ partition: pk(territory), order: 'descending', limit, cursor });
    return { ...page, items: page.items.map((item) => parseItem(AuditEntryRecord, item)) };
  },
};
