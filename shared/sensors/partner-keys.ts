/**
 * Partner API keys: the platform's API keys (shared/kernel/api-keys.ts: `vo_<keyId>_<secret>`,
 * stored as SHA-256, shown once), sent as `X-Api-Key` or `Authorization: ApiKey`.
 */
export { generateApiKey, keyIdOf, keyMatches, type GeneratedKey } from '../kernel/api-keys';

/** The key sent as `X-Api-Key: <key>` or `Authorization: ApiKey <key>` (header names lower-cased). */
export const presentedApiKey = (headers: Readonly<Record<string, string | undefined>>): string | undefined => {
  const direct = headers['x-api-key']?.trim();
  if (direct) return direct;
  return /^ApiKey\s+(\S+)\s*$/i.exec(headers.authorization ?? '')?.[1];
};
