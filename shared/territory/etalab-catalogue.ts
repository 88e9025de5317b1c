/**
 * EPCIs and their member communes (with their postal codes) from @etalab/decoupage-administratif
 * (no polygons there).
 * The list (several MB) is loaded on first use, so other territory functions don't pay for it.
 */
import type { EpciReference } from './territory';
import type { EpciCatalogue } from './territory-ports';

interface EtalabEpci {
  code: string;
  nom: string;
  populationTotale?: number;
  membres: { code: string; nom: string; populationTotale?: number }[];
}

interface EtalabCommune {
  code: string;
  type: string;
  codesPostaux?: string[];
}

let epciList: Promise<EtalabEpci[]> | undefined;
let postalCodes: Promise<Map<string, string[]>> | undefined;

/** Each current commune's postal codes (communes.json, ~8 MB: read once, by the import only). */
const postalCodesOf = (): Promise<Map<string, string[]>> =>
  (postalCodes ??= import('@etalab/decoupage-administratif/data/communes.json', { with: { type: 'json' } }).then(
    (module) =>
      new Map(
        (module.default as EtalabCommune[])
          .filter((c) => c.type === 'commune-actuelle')
          .map((c) => [c.code, c.codesPostaux ?? []]),
      ),
  ));

export const etalabCatalogue: EpciCatalogue = {
  async find(siren): Promise<EpciReference | undefined> {
    epciList ??= import('@etalab/decoupage-administratif/data/epci.json', { with: { type: 'json' } }).then(
      (module) => module.default as EtalabEpci[],
    );
    const epci = (await epciList).find((e) => e.code === siren);
    if (!epci) return undefined;
    const codes = await postalCodesOf();
    return {
      siren: epci.code,
      name: epci.nom,
      population: epci.populationTotale ?? 0,
      members: epci.membres.map((m) => ({
        insee: m.code,
        name: m.nom,
        population: m.populationTotale ?? 0,
        postalCodes: codes.get(m.code) ?? [],
      })),
    };
  },
};
