/**
 * EPCIs and their member communes (with their postal codes) from @etalab/decoupage-administratif
 * (no polygons there). Only the import reads them, and reads them from disk on first use: in
 * Lambda from the copy shipped beside its bundle (ETALAB_BUNDLED_FILES, see infra/stacks/service-stack.ts),
 * elsewhere from node_modules. The lists (~12 MB of JSON) are never inlined in a bundle.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EpciReference } from './territory';
import type { EpciCatalogue } from './territory-ports';

/** What the import function carries beside its bundle (/var/task/etalab/…). */
export const ETALAB_BUNDLED_FILES = {
  fromDir: 'node_modules/@etalab/decoupage-administratif/data',
  files: ['epci.json', 'communes.json'],
  toDir: 'etalab',
} as const;

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

/** The directory holding the lists: beside the bundle when shipped there, else the package's. */
const dataDir = (): string => {
  const beside = join(dirname(fileURLToPath(import.meta.url)), ETALAB_BUNDLED_FILES.toDir);
  if (existsSync(join(beside, ETALAB_BUNDLED_FILES.files[0]))) return beside;
  return join(dirname(createRequire(import.meta.url).resolve('@etalab/decoupage-administratif/package.json')), 'data');
};

const readList = async <T>(file: (typeof ETALAB_BUNDLED_FILES.files)[number]): Promise<T[]> =>
  JSON.parse(await readFile(join(dataDir(), file), 'utf8')) as T[];

let epciList: Promise<EtalabEpci[]> | undefined;
let communesByPostalCode: Promise<{ codes: Map<string, string[]>; users: Map<string, string[]> }> | undefined;

/**
 * Each current commune's postal codes, and the communes using each code (communes.json: delegated
 * and associated communes and municipal arrondissements share their commune's codes).
 */
const postalCodes = () =>
  (communesByPostalCode ??= readList<EtalabCommune>('communes.json').then((communes) => {
    const codes = new Map<string, string[]>();
    const users = new Map<string, string[]>();
    for (const commune of communes) {
      if (commune.type !== 'commune-actuelle') continue;
      codes.set(commune.code, commune.codesPostaux ?? []);
      for (const code of commune.codesPostaux ?? []) users.set(code, [...(users.get(code) ?? []), commune.code]);
    }
    return { codes, users };
  }));

export const etalabCatalogue: EpciCatalogue = {
  async find(siren): Promise<EpciReference | undefined> {
    epciList ??= readList<EtalabEpci>('epci.json');
    const epci = (await epciList).find((e) => e.code === siren);
    if (!epci) return undefined;
    const { codes, users } = await postalCodes();
    const members = new Set(epci.membres.map((m) => m.code));
    const memberCodes = epci.membres.flatMap((m) => codes.get(m.code) ?? []);
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
      sharedPostalCodes: [
        ...new Set(memberCodes.filter((code) => (users.get(code) ?? []).some((insee) => !members.has(insee)))),
      ].sort(),
    };
  },
};
