/**
 * DynamoDB adapter of alert rules and alerts.
 *
 * Access patterns
 * - a territory's rules                Query pk=TERRITORY#<siren>#SENSOR-RULES, sk begins_with RULE#
 * - FROZEN rules of every territory    Query gsi1 gsi1pk=SENSOR-RULES#FROZEN (sparse; gsi1sk=<siren>#<ruleId>),
 *                                      for the scheduled trigger, which has no territory of its own
 * - an alert                           GetItem pk=TERRITORY#<siren>#SENSOR-ALERT#<id>, sk=ALERT
 * - alerts in a state, newest first    Query gsi1 gsi1pk=TERRITORY#<siren>#SENSOR-ALERTS#<state>,
 *                                      gsi1sk=<openedAt>#<id>, by cursor
 * - a commune's alerts in a state      Query gsi2 gsi2pk=TERRITORY#<siren>#SENSOR-ALERTS#COMMUNE#<insee>#<state>,
 *   (a commune agent's list)           gsi2sk=<openedAt>#<id>: a page holds `limit` of the commune's alerts
 * - open alerts of a sensor            Query pk=TERRITORY#<siren>#SENSOR#<id>, sk begins_with OPEN-ALERT#
 * An alert is written whole at each transition, so its index keys move with its state.
 *
 * One open alert per rule and sensor: opening puts the marker OPEN-ALERT#<ruleId> in the sensor's
 * partition on condition it is absent, in the transaction that creates the alert (and its events);
 * closing deletes it in the transaction that closes the alert.
 */
import * as z from 'zod';
import { commitWithEvents, type TransactItem } from '../events/outbox';
import { ConflictError } from '../kernel/errors';
import {
  ABSENT,
  atVersion,
  deleteItem,
  getItem,
  INDEXES,
  type Item,
  parseItem,
  putItem,
  queryAll,
  queryPage,
} from '../runtime/dynamo';
import { Alert, AlertRule, type AlertState } from './alerts';
import { openAlertSk, sensorPk } from './sensor-keys';
import type { AlertStore } from './sensors-ports';

const rulesPk = (siren: string) => `TERRITORY#${siren}#SENSOR-RULES`;
const ruleKey = (rule: Pick<AlertRule, 'territory' | 'id'>) => ({ pk: rulesPk(rule.territory), sk: `RULE#${rule.id}` });
const FROZEN_RULES = 'SENSOR-RULES#FROZEN';
const alertKey = (siren: string, alertId: string) => ({
  pk: `TERRITORY#${siren}#SENSOR-ALERT#${alertId}`,
  sk: 'ALERT',
});
const statePk = (siren: string, state: AlertState) => `TERRITORY#${siren}#SENSOR-ALERTS#${state}`;
const communeStatePk = (siren: string, insee: string, state: AlertState) =>
  `TERRITORY#${siren}#SENSOR-ALERTS#COMMUNE#${insee}#${state}`;

const alertItem = (alert: Alert): Item => ({
  ...alertKey(alert.territory, alert.id),
  gsi1pk: statePk(alert.territory, alert.state),
  gsi1sk: `${alert.openedAt}#${alert.id}`,
  gsi2pk: communeStatePk(alert.territory, alert.commune, alert.state),
  gsi2sk: `${alert.openedAt}#${alert.id}`,
  ...alert,
});

const markerKey = (alert: Pick<Alert, 'territory' | 'sensorId' | 'ruleId'>) => ({
  pk: sensorPk(alert.territory, alert.sensorId),
  sk: openAlertSk(alert.ruleId),
});
const OpenAlertMarker = z.object({ sk: z.string(), alertId: z.string() });

export const dynamoAlertStore: AlertStore = {
  async listRules(siren) {
    const items = await queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rule)',
      ExpressionAttributeValues: { ':pk': rulesPk(siren), ':rule': 'RULE#' },
    });
    return items.map((item) => parseItem(AlertRule, item));
  },

  async listFrozenRules() {
    const items = await queryAll({
      IndexName: INDEXES.gsi1,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': FROZEN_RULES },
    });
    return items.map((item) => parseItem(AlertRule, item));
  },

  async saveRule(rule, previousVersion, event) {
    const item = {
      ...ruleKey(rule),
      ...(rule.operator === 'FROZEN' ? { gsi1pk: FROZEN_RULES, gsi1sk: `${rule.territory}#${rule.id}` } : {}),
      ...rule,
    };
    await commitWithEvents([putItem(item, atVersion(previousVersion))], [event]);
  },

  async deleteRule(rule, event) {
    await commitWithEvents([deleteItem(ruleKey(rule), atVersion(rule.version))], [event]);
  },

  async openAlert(alert, events) {
    try {
      await commitWithEvents(
        [putItem({ ...markerKey(alert), alertId: alert.id }, ABSENT), putItem(alertItem(alert), ABSENT)],
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
    const items = await queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :marker)',
      ExpressionAttributeValues: { ':pk': sensorPk(siren, sensorId), ':marker': openAlertSk('') },
    });
    return new Map(
      items
        .map((item) => parseItem(OpenAlertMarker, item))
        .map((marker) => [marker.sk.slice(openAlertSk('').length), marker.alertId]),
    );
  },

  async getAlert(siren, alertId) {
    return getItem(Alert, alertKey(siren, alertId));
  },

  async saveAlert(alert, previousVersion, events) {
    const items: TransactItem[] = [putItem(alertItem(alert), atVersion(previousVersion))];
    if (alert.state === 'closed') {
      items.push(deleteItem(markerKey(alert), { expression: 'alertId = :id', values: { ':id': alert.id } }));
    }
    await commitWithEvents(items, events);
  },

  async listAlerts(siren, state, { commune }, limit, cursor) {
    const page = await queryPage(
      commune
        ? { index: INDEXES.gsi2, partition: communeStatePk(siren, commune, state), order: 'descending', limit, cursor }
        : { index: INDEXES.gsi1, partition: statePk(siren, state), order: 'descending', limit, cursor },
    );
    return { ...page, items: page.items.map((item) => parseItem(Alert, item)) };
  },
};
