/**
 * EPCIs and their member communes from @etalab/decoupage-administratif (no polygons there).
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

let epciList: Promise<EtalabEpci[]> | undefined;

export const etalabCatalogue: EpciCatalogue = {
  async find(siren): Promise<EpciReference | undefined> {
    epciList ??= import('@etalab/decoupage-administratif/data/epci.json', { with: { type: 'json' } }).then(
      (module) => module.default as EtalabEpci[],
    );
    const epci = (await epciList).find((e) => e.code === siren);
    if (!epci) return undefined;
    return {
      siren: epci.code,
      name: epci.nom,
      population: epci.populationTotale ?? 0,
      members: epci.membres.map((m) => ({ insee: m.code, name: m.nom, population: m.populationTotale ?? 0 })),
    };
  },
};
