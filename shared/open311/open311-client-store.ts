/**
 * Open311 client applications and setting in DynamoDB. One partition per territory, apart from
 * the territory's own (its communes and categories are read whole):
 * - a client by id (each POST with an api_key)  GetItem (consistent) pk=TERRITORY#<siren>#OPEN311, sk=CLIENT#<id>
 * - the clients of a territory (admin listing)    Query pk=TERRITORY#<siren>#OPEN311, sk begins_with CLIENT#
 * - the territory's setting (each POST)           GetItem pk=TERRITORY#<siren>#OPEN311, sk=SETTINGS
 */
import { revokeKeyUpdate } from '../runtime/api-key-items';
import { commitWithEvents } from '../events/outbox';
import { ABSENT, atVersion, getItem, parseItem, putItem, queryAll } from '../runtime/dynamo';
import { ClientAppRecord, Open311SettingsRecord } from './open311-clients';
import type { ClientAppStore } from './open311-ports';

const pk = (siren: string) => `TERRITORY#${siren}#OPEN311`;
const clientKey = (siren: string, id: string) => ({ pk: pk(siren), sk: `CLIENT#${id}` });
const settingsKey = (siren: string) => ({ pk: pk(siren), sk: 'SETTINGS' });

export const dynamoClientAppStore: ClientAppStore = {
  getClient: (siren, id) => getItem(ClientAppRecord, clientKey(siren, id), { consistent: true }),

  async listClients(siren) {
    const items = await queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :client)',
      ExpressionAttributeValues: { ':pk': pk(siren), ':client': 'CLIENT#' },
    });
    return items.map((item) => parseItem(ClientAppRecord, item));
  },

  async createClient(client, event) {
    await commitWithEvents([putItem({ ...clientKey(client.territory, client.id), ...client }, ABSENT)], [event]);
  },

  async revokeClient(client, event) {
    await commitWithEvents([revokeKeyUpdate(clientKey(client.territory, client.id), client)], [event]);
  },

  getSettings: (siren) => getItem(Open311SettingsRecord, settingsKey(siren), { consistent: true }),

  async saveSettings(settings, read, event) {
    await commitWithEvents(
      [putItem({ ...settingsKey(settings.territory), ...settings }, read === 0 ? ABSENT : atVersion(read))],
      [event],
    );
  },
};
