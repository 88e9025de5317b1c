/** What the static pages name: the territory that publishes the portal. */
import { portalTerritory, territory } from './portal-app';

export const publisherName = async (): Promise<string> => {
  const siren = await portalTerritory();
  const found = siren ? await territory.getTerritory(siren).catch(() => undefined) : undefined;
  return found?.name ?? "L'exploitant de la plateforme";
};
