/**
 * Open311 client applications: a territory admin registers them (the key shown once), lists and
 * revokes them, and says whether a POST without an api_key is taken; the POST route admits a
 * request through `admit`. Pure: the store and the territory are ports.
 */
import { generateApiKey, keyIdOf, keyMatches } from '../kernel/api-keys';
import type { Clock } from '../kernel/clock';
import { ForbiddenError, NotFoundError } from '../kernel/errors';
import { newId } from '../kernel/ids';
import { assertTerritoryAdmin, type Principal } from '../kernel/principal';
import { newEvent, type ChangeData } from '../events/domain-event';
import {
  clientView,
  defaultSettings,
  type ClientApp,
  type ClientAppRecord,
  type FilingClient,
  type Open311Settings,
} from './open311-clients';
import { OPEN311_EVENTS } from './open311-events';
import type { ClientAppStore, ClientGate, TerritoryDirectory } from './open311-ports';

export interface ClientAppDeps {
  readonly store: ClientAppStore;
  readonly territory: Pick<TerritoryDirectory, 'getTerritory'>;
  readonly clock: Clock;
}

export const makeClientAppUseCases = ({ store, territory, clock }: ClientAppDeps) => {
  const change = (
    principal: Principal,
    siren: string,
    definition: (typeof OPEN311_EVENTS)[keyof typeof OPEN311_EVENTS],
    subject: string,
    data: ChangeData,
  ) =>
    newEvent(clock, definition, {
      territory: siren,
      subject,
      actor: { sub: principal.sub, role: principal.role },
      data,
    });

  const settingsOf = async (siren: string): Promise<Open311Settings> =>
    (await store.getSettings(siren)) ?? defaultSettings(siren);

  const admit: ClientGate['admit'] = async (siren, apiKey): Promise<FilingClient | undefined> => {
    if (apiKey === undefined || apiKey.trim() === '') {
      if ((await settingsOf(siren)).allowPostsWithoutKey) return undefined;
      throw new ForbiddenError(
        `api_key was not provided: this jurisdiction takes requests from registered client applications only ` +
          `(ask territory ${siren} for a key)`,
      );
    }
    const id = keyIdOf(apiKey.trim());
    const client = id ? await store.getClient(siren, id) : undefined;
    if (!client || !keyMatches(apiKey.trim(), client.hash)) {
      throw new ForbiddenError(`api_key is not valid for this jurisdiction (territory ${siren})`);
    }
    if (client.status !== 'active') {
      throw new ForbiddenError(`api_key was revoked on ${client.revokedAt ?? 'an earlier date'}: ask for a new one`);
    }
    return { id: client.id, name: client.name };
  };

  return {
    admit,

    /** Primary course: an admin registers a client application; its key is in this answer only. */
    registerClient: async (
      principal: Principal,
      siren: string,
      input: { readonly name: string; readonly contact: string },
    ): Promise<ClientApp & { apiKey: string }> => {
      assertTerritoryAdmin(principal, siren);
      await territory.getTerritory(siren);
      const id = newId();
      const key = generateApiKey(id);
      const client: ClientAppRecord = {
        territory: siren,
        id,
        name: input.name,
        contact: input.contact,
        hash: key.hash,
        hint: key.hint,
        status: 'active',
        createdAt: clock.now().toISOString(),
        createdBy: principal.sub,
      };
      const event = change(principal, siren, OPEN311_EVENTS.clientRegistered, `open311/client/${id}`, {
        before: null,
        after: clientView(client),
      });
      await store.createClient(client, event);
      return { ...clientView(client), apiKey: key.plaintext };
    },

    /** The territory's client applications, oldest first, without their keys. */
    listClients: async (principal: Principal, siren: string): Promise<ClientApp[]> => {
      assertTerritoryAdmin(principal, siren);
      return (await store.listClients(siren)).map(clientView);
    },

    /** Primary course: an admin revokes a client; its next POST is refused. Revoking twice changes nothing. */
    revokeClient: async (principal: Principal, siren: string, id: string): Promise<ClientApp> => {
      assertTerritoryAdmin(principal, siren);
      const client = await store.getClient(siren, id);
      if (!client) throw new NotFoundError(`No Open311 client application ${id} in territory ${siren}`);
      if (client.status === 'revoked') return clientView(client);
      const revoked: ClientAppRecord = {
        ...client,
        status: 'revoked',
        revokedAt: clock.now().toISOString(),
        revokedBy: principal.sub,
      };
      const event = change(principal, siren, OPEN311_EVENTS.clientRevoked, `open311/client/${id}`, {
        before: clientView(client),
        after: clientView(revoked),
      });
      await store.revokeClient(revoked, event);
      return clientView(revoked);
    },

    getSettings: async (principal: Principal, siren: string): Promise<Open311Settings> => {
      assertTerritoryAdmin(principal, siren);
      await territory.getTerritory(siren);
      return settingsOf(siren);
    },

    /** Primary course: an admin says whether POST requests without an api_key are taken. */
    setSettings: async (
      principal: Principal,
      siren: string,
      input: { readonly allowPostsWithoutKey: boolean },
    ): Promise<Open311Settings> => {
      assertTerritoryAdmin(principal, siren);
      await territory.getTerritory(siren);
      const before = await settingsOf(siren);
      const after: Open311Settings = {
        territory: siren,
        allowPostsWithoutKey: input.allowPostsWithoutKey,
        updatedAt: clock.now().toISOString(),
        updatedBy: principal.sub,
        version: before.version + 1,
      };
      const event = change(principal, siren, OPEN311_EVENTS.settingsChanged, 'open311/settings', { before, after });
      await store.saveSettings(after, before.version, event);
      return after;
    },
  };
};

export type ClientAppUseCases = ReturnType<typeof makeClientAppUseCases>;
