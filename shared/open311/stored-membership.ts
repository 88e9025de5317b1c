/**
 * Which territory hosted here a commune belongs to, from the table: the territories' registry (one
 * small Query), then the commune's item in each (a GetItem each; a deployment hosts a few). A
 * commune of no territory hosted here belongs to none: its jurisdiction is unknown either way.
 */
import type { TerritoryStore } from '../territory/territory-ports';
import type { CommuneMembership } from './open311-ports';

export const storedMembership = (store: Pick<TerritoryStore, 'listTerritories' | 'getCommune'>): CommuneMembership => ({
  async epciOf(insee) {
    const sirens = await store.listTerritories();
    const found = await Promise.all(sirens.map((siren) => store.getCommune(siren, insee)));
    return found.find((commune) => commune !== undefined)?.siren;
  },
});
