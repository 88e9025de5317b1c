/**
 * DynamoDB adapter of alert rules and alerts.
 *
 * Access patterns
 * - a territory's rules                Query pk=TERRITORY#<siren>#SENSOR-RULES, sk begins_with RULE#
 * - FROZEN rules of every territory    Query gsi1 gsi1pk=SENSOR-RULES#FROZEN (sparse; gsi1sk=<siren>#<ruleId>),
 *                                      for the scheduled trigger, which has no territory of its own
 * - an alert                           GetItem pk=TERRITORY#<siren>#SENSOR-ALERT#<id>, sk=ALERT
 * - alerts in a state, newest first    Query gsi1 gsi1pk=TERRITORY#<siren>#SENSOR-ALERTS#<state>, by cursor
 * - open alerts of a sensor            Query pk=TERRITORY#<siren>#SENSOR#<id>, sk begins_with OPEN-ALERT#
 *
 * One open alert per rule and sensor: opening puts the marker OPEN-ALERT#<ruleId> in the sensor's
 * partition on condition it is absent, in the transaction that creates the alert (and its events);
 * closing deletes it in the transaction that closes the alert.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { commitWithEvents, type TransactItem } from '../events/outbox';
import { decodeCursor, dynamo, encodeCursor, INDEXES, TABLE_NAME } from '../runtime/dynamo';
import { ConflictError } from '../kernel/errors';
import type { Alert, AlertRule } from './alerts';
import { openAlertSk, sensorPk } from './sensor-keys';
import type { AlertStore } from './sensors-ports';

type Item = Record<string, unknown>;

const rulesPk = (siren: string) => `TERRITORY#${siren}#SENSOR-RULES`;
const FROZEN_RULES = 'SENSOR-RULES#FROZEN';
const alertKey = (siren: string, alertId: string) => ({
  pk: `TERRITORY#${siren}#SENSOR-ALERT#${alertId}`,
  sk: 'ALERT',
});
const statePk = (siren: string, state: string) => `TERRITORY#${siren}#SENSOR-ALERTS#${state}`;

const strip = <T>({ pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, ...rest }: Item): T => rest as T;

const alertItem = (alert: Alert): Item => ({
  ...alertKey(alert.territory, alert.id),
  gsi1pk: statePk(alert.territory, alert.state),
  gsi1sk: `${alert.openedAt}#${alert.id}`,
  ...alert,
});

const markerKey = (alert: Pick<Alert, 'territory' | 'sensorId' | 'ruleId'>) => ({
  pk: sensorPk(alert.territory, alert.sensorId),
  sk: openAlertSk(alert.ruleId),
});

export const dynamoAlertStore: AlertStore = {
  async listRules(siren) {
    const { Items = [] } = await dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rule)',
        ExpressionAttributeValues: { ':pk': rulesPk(siren), ':rule': 'RULE#' },
      }),
    );
    return Items.map((item) => strip<AlertRule>(item));
  },

  async listFrozenRules() {
    const rules: AlertRule[] = [];
    let start: Item | undefined;
    do {
      const page = await dynamo.send(
        new QueryCommand({
          TableName: TABLE_NAME,
          IndexName: INDEXES.gsi1,
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': FROZEN_RULES },
          ExclusiveStartKey: start,
        }),
      );
      rules.push(...(page.Items ?? []).map((item) => strip<AlertRule>(item)));
      start = page.LastEvaluatedKey;
    } while (start);
    return rules;
  },

  async saveRule(rule, previousVersion, event) {
    await commitWithEvents(
      [
        {
          Put: {
            TableName: TABLE_NAME,
            Item: {
              pk: rulesPk(rule.territory),
              sk: `RULE#${rule.id}`,
              ...(rule.operator === 'FROZEN' ? { gsi1pk: FROZEN_RULES, gsi1sk: `${rule.territory}#${rule.id}` } : {}),
              ...rule,
            },
            ...(previousVersion === undefined
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : {
                  ConditionExpression: 'version = :expected',
                  ExpressionAttributeValues: { ':expected': previousVersion },
                }),
          },
        },
      ],
      [event],
    );
  },

  async deleteRule(rule, event) {
    await commitWithEvents(
      [
        {
          Delete: {
            TableName: TABLE_NAME,
            Key: { pk: rulesPk(rule.territory), sk: `RULE#${rule.id}` },
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': rule.version },
          },
        },
      ],
      [event],
    );
  },

  async openAlert(alert, events) {
    try {
      await commitWithEvents(
        [
          {
            Put: {
              TableName: TABLE_NAME,
              Item: { ...markerKey(alert), alertId: alert.id },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { Put: { TableName: TABLE_NAME, Item: alertItem(alert), ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
        events,
      );
      return true;
    } catch (error) {
      // The marker is there: an alert for this rule and sensor is still open.
      if (error instanceof ConflictError) return false;
      throw error;
    }
  },

  async openAlertsOf(siren, sensorId) {
    const { Items = [] } = await dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :marker)',
        ExpressionAttributeValues: { ':pk': sensorPk(siren, sensorId), ':marker': openAlertSk('') },
      }),
    );
    return new Map(Items.map((item) => [(item.sk as string).slice(openAlertSk('').length), item.alertId as string]));
  },

  async getAlert(siren, alertId) {
    const { Item: item } = await dynamo.send(new GetCommand({ TableName: TABLE_NAME, Key: alertKey(siren, alertId) }));
    return item ? strip<Alert>(item) : undefined;
  },

  async saveAlert(alert, previousVersion, events) {
    const items: TransactItem[] = [
      {
        Put: {
          TableName: TABLE_NAME,
          Item: alertItem(alert),
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': previousVersion },
        },
      },
    ];
    if (alert.state === 'closed') {
      items.push({
        Delete: {
          TableName: TABLE_NAME,
          Key: markerKey(alert),
          ConditionExpression: 'alertId = :id',
          ExpressionAttributeValues: { ':id': alert.id },
        },
      });
    }
    await commitWithEvents(items, events);
  },

  async listAlerts(siren, state, limit, cursor) {
    const partition = { gsi1pk: statePk(siren, state) };
    const page = await dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        IndexName: INDEXES.gsi1,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': partition.gsi1pk },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, partition),
      }),
    );
    const next = encodeCursor(page.LastEvaluatedKey);
    return { items: (page.Items ?? []).map((item) => strip<Alert>(item)), ...(next ? { cursor: next } : {}) };
  },
};
