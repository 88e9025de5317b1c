/**
 * Open311 client applications: the apps a territory lets post service requests with an `api_key`
 * (GeoReport v2 makes it required for POST), and the territory's setting saying whether a POST
 * without one is still taken (FixMyStreet's way, for anonymous citizens' apps). A client's key is
 * the platform's API key (shared/kernel/api-keys.ts): its id is the client's id, it is shown once
 * at registration and kept as its SHA-256 only. Pure: zod records, no AWS.
 */
import * as z from 'zod';
import { storedKeyFields, withoutHash } from '../kernel/api-keys';
import { Ulid } from '../kernel/schemas';
import { Siren } from '../territory/territory';

export const ClientAppRecord = z.object({
  territory: Siren,
  /** The id of its API key too: `vo_<id>_<secret>`. */
  id: Ulid('a client application id'),
  name: z.string().trim().min(1).max(120).meta({ example: 'FixMyStreet Toulouse' }),
  contact: z
    .string()
    .trim()
    .min(1)
    .max(254)
    .meta({ description: 'Who answers for the application: an e-mail address or a URL', example: 'dev@example.fr' }),
  ...storedKeyFields,
});
export type ClientAppRecord = z.output<typeof ClientAppRecord>;

/** What an admin sees of a client application: never its key nor the key's hash. */
export const ClientApp = ClientAppRecord.omit({ hash: true });
export type ClientApp = z.output<typeof ClientApp>;
export const clientView = (client: ClientAppRecord): ClientApp => withoutHash(client);

/** Whether POST requests without an api_key are taken (default: yes). */
export const Open311SettingsRecord = z.object({
  territory: Siren,
  allowPostsWithoutKey: z.boolean(),
  updatedAt: z.string().optional(),
  updatedBy: z.string().optional(),
  version: z.number().int(),
});
export type Open311Settings = z.output<typeof Open311SettingsRecord>;

export const defaultSettings = (siren: string): Open311Settings => ({
  territory: siren,
  allowPostsWithoutKey: true,
  version: 0,
});

/** The client application a report came through, as the report keeps it (agents see it). */
export interface FilingClient {
  readonly id: string;
  readonly name: string;
}
