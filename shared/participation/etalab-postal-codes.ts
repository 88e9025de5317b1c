/**
 * Postal codes of French communes from @etalab/decoupage-administratif. The list (several MB) is
 * loaded on first use, and only the function creating consultations bundles it.
 */
import type { PostalCodeDirectory } from './participation-ports';

interface EtalabCommune {
  code: string;
  type: string;
  codesPostaux?: string[];
}

let communesByPostalCode: Promise<Map<string, Set<string>>> | undefined;

const load = async () => {
  const { default: communes } = await import('@etalab/decoupage-administratif/data/communes.json', {
    with: { type: 'json' },
  });
  const byPostalCode = new Map<string, Set<string>>();
  for (const commune of communes as EtalabCommune[]) {
    // Delegated and associated communes and municipal arrondissements share their commune's codes.
    if (commune.type !== 'commune-actuelle') continue;
    for (const postalCode of commune.codesPostaux ?? []) {
      if (!byPostalCode.has(postalCode)) byPostalCode.set(postalCode, new Set());
      byPostalCode.get(postalCode)!.add(commune.code);
    }
  }
  return byPostalCode;
};

export const etalabPostalCodes: PostalCodeDirectory = {
  async postalCodesOnlyIn(insees) {
    communesByPostalCode ??= load();
    const scope = new Set(insees);
    return [...(await communesByPostalCode).entries()]
      .filter(([, communes]) => [...communes].every((insee) => scope.has(insee)))
      .map(([postalCode]) => postalCode)
      .sort();
  },
};
