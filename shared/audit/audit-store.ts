/**
 * DynamoDB adapter of the audit log.
 *
 * Access patterns
 * - record an entry once per event   Put pk=TERRITORY#<siren>#AUDIT, sk=<occurredAt>#<eventId>, if absent
 * - a territory's entries, newest    Query pk=TERRITORY#<siren>#AUDIT, descending, by cursor
 * - … in a time range                 the same, sk BETWEEN <from> AND <to>~ (sk starts with the instant)
 * - … of an action family, an actor   the same, filtered on action (begins_with) and actor.sub
 * - entries older than a retention    Query sk < <cutoff>, oldest first, keys only; BatchWrite deletes
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  ABSENT,
  batchDeleteAll,
  conditionFields,
  dynamo,
  parseItem,
  QueryFilter,
  queryAll,
  queryPage,
  TABLE_NAME,
} from '../runtime/dynamo';
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

  async list(territory, limit, cursor, { from, to, action, actor } = {}) {
    const filter = new QueryFilter();
    if (action) filter.add('begins_with(#action, :action)', { '#action': 'action' }, { ':action': action });
    if (actor) filter.add('#actor.#sub = :actor', { '#actor': 'actor', '#sub': 'sub' }, { ':actor': actor });
    const page = await queryPage({
      partition: pk(territory),
      // "~" sorts after "#": the bound `to` keeps every entry of its last instant.
      ...(from || to ? { sortKey: { ...(from ? { from } : {}), ...(to ? { to: `${to}~` } : {}) } } : {}),
      filter,
      order: 'descending',
      limit,
      cursor,
    });
    return { ...page, items: page.items.map((item) => parseItem(AuditEntryRecord, item)) };
  },

  /** Deletes the entries before `cutoff` (an instant), 1 000 keys at a time; returns how many. */
  async deleteBefore(territory: string, cutoff: string): Promise<number> {
    let deleted = 0;
    for (;;) {
      const keys = await queryAll(
        {
          KeyConditionExpression: 'pk = :pk AND sk < :cutoff',
          ExpressionAttributeValues: { ':pk': pk(territory), ':cutoff': cutoff },
          ProjectionExpression: 'pk, sk',
        },
        1000,
      );
      if (keys.length === 0) return deleted;
      await batchDeleteAll(keys.map(({ pk: partition, sk }) => ({ pk: partition, sk })));
      deleted += keys.length;
    }
  },
};
