/**
 * One-off: gives the fine map index keys (gsi8) to the reports written before that index existed,
 * in every territory of the registry (shared/reports/report-store.ts backfillFineMapIndex). Run
 * once after the deployment that adds gsi8, against its table; safe to run again.
 *
 *   TABLE_NAME=<table> npx tsx scripts/backfill-map-index.ts
 */
import { backfillFineMapIndex } from '../shared/reports/report-store';
import { dynamoTerritoryStore } from '../shared/territory/territory-store';

for (const siren of await dynamoTerritoryStore.listTerritories()) {
  const communes = (await dynamoTerritoryStore.listCommunes(siren)).map((c) => c.insee);
  const written = await backfillFineMapIndex(siren, communes);
  console.log(`${siren}: ${written} report(s) given their fine map keys across ${communes.length} communes`);
}
