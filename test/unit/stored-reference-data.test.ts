/**
 * Reference data read from the table instead of bundled: the postal codes proving residence in a
 * consultation's scope (participation) and the territory a commune belongs to (Open311) give what
 * etalab's lists gave when the functions carried them, from what the territory's import stores.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { etalabCatalogue } from '../../shared/territory/etalab-catalogue';
import type { Commune, EpciReference, Territory } from '../../shared/territory/territory';
import { storedPostalCodes } from '../../shared/participation/stored-postal-codes';
import { storedMembership } from '../../shared/open311/stored-membership';
import { COLOMIERS, SIREN, TOULOUSE } from '../support/territory-fixtures';

interface EtalabCommune {
  code: string;
  type: string;
  codesPostaux?: string[];
}

/** What the consultation's function computed from etalab's communes.json when it bundled it. */
const communes = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@etalab/decoupage-administratif/data/communes.json'), 'utf8'),
) as EtalabCommune[];
const users = new Map<string, Set<string>>();
for (const c of communes.filter((c) => c.type === 'commune-actuelle')) {
  for (const code of c.codesPostaux ?? []) users.set(code, (users.get(code) ?? new Set()).add(c.code));
}
const etalabOnlyIn = (insees: readonly string[]): string[] => {
  const scope = new Set(insees);
  return [...users]
    .filter(([, using]) => [...using].every((insee) => scope.has(insee)))
    .map(([code]) => code)
    .sort();
};

/** The territory and communes the import stores from a reference (makeImportCommunes). */
const imported = (reference: EpciReference, keepShared = true) => {
  const territory: Territory = {
    siren: reference.siren,
    name: reference.name,
    population: reference.population,
    communeCount: reference.members.length,
    ...(keepShared && reference.sharedPostalCodes ? { sharedPostalCodes: [...reference.sharedPostalCodes] } : {}),
    demo: false,
    updatedAt: '2026-03-01T00:00:00.000Z',
  };
  const stored: Commune[] = reference.members.map((m) => ({
    siren: reference.siren,
    insee: m.insee,
    name: m.name,
    population: m.population,
    ...(m.postalCodes?.length ? { postalCodes: [...m.postalCodes] } : {}),
  }));
  return {
    getTerritory: async () => territory,
    listCommunes: async () => stored,
    listTerritories: async () => ['200054781', reference.siren],
    getCommune: async (siren: string, insee: string) => stored.find((c) => c.siren === siren && c.insee === insee),
  };
};

describe('postal codes proving residence, from what the import stored', () => {
  let reference: EpciReference;
  beforeAll(async () => {
    reference = (await etalabCatalogue.find(SIREN))!;
  });

  it('are those etalab gives for each commune of Toulouse Métropole and for the whole territory', async () => {
    const directory = storedPostalCodes(imported(reference));
    const scopes = [...reference.members.map((m) => [m.insee]), reference.members.map((m) => m.insee)];
    for (const scope of scopes) {
      expect(await directory.postalCodesOnlyIn(SIREN, scope)).toEqual(etalabOnlyIn(scope));
    }
    // Toulouse's own codes; a code Colomiers shares with a commune outside the metropolis proves nothing.
    expect(await directory.postalCodesOnlyIn(SIREN, [TOULOUSE])).toEqual(
      expect.arrayContaining(['31000', '31100', '31200', '31300', '31400', '31500']),
    );
    expect(reference.sharedPostalCodes!.length).toBeGreaterThan(0);
    expect(
      await directory.postalCodesOnlyIn(
        SIREN,
        reference.members.map((m) => m.insee),
      ),
    ).not.toEqual(expect.arrayContaining([reference.sharedPostalCodes![0]]));
  });

  it('are none for a territory imported before the shared codes were recorded, rather than too many', async () => {
    expect(await storedPostalCodes(imported(reference, false)).postalCodesOnlyIn(SIREN, [COLOMIERS])).toEqual([]);
  });
});

describe('the territory a commune belongs to, from the table', () => {
  it('is the hosted territory holding its commune item, and none for a commune of no hosted territory', async () => {
    const reference = (await etalabCatalogue.find(SIREN))!;
    const membership = storedMembership(imported(reference));
    expect(await membership.epciOf(COLOMIERS)).toBe(SIREN);
    expect(await membership.epciOf('75056')).toBeUndefined();
  });
});
