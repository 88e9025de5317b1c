/**
 * The postal codes that prove residence in a consultation's scope, from what the territory's import
 * stored (etalab's codesPostaux): each commune's codes, and the territory's codes that communes
 * outside it also use. No reference list in the function's bundle.
 */
import type { TerritoryUseCases } from '../territory/territory-use-cases';
import type { PostalCodeDirectory } from './participation-ports';

export const storedPostalCodes = (
  territory: Pick<TerritoryUseCases, 'getTerritory' | 'listCommunes'>,
): PostalCodeDirectory => ({
  async postalCodesOnlyIn(siren, insees) {
    const [{ sharedPostalCodes }, communes] = await Promise.all([
      territory.getTerritory(siren),
      territory.listCommunes(siren),
    ]);
    const scope = new Set(insees);
    const inScope = new Set(communes.filter((c) => scope.has(c.insee)).flatMap((c) => c.postalCodes ?? []));
    // A code another commune uses proves no residence in the scope; a territory imported before
    // the shared codes were recorded may share any of its codes: none proves residence then.
    const elsewhere = new Set([
      ...communes.filter((c) => !scope.has(c.insee)).flatMap((c) => c.postalCodes ?? []),
      ...(sharedPostalCodes ?? inScope),
    ]);
    return [...inScope].filter((code) => !elsewhere.has(code)).sort();
  },
});
