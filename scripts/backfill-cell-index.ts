/**
 * One-off: puts the commune boundaries stored before the cell index existed into it, in every
 * territory of the registry (territory use case indexBoundariesSetBeforeTheIndex). Until then
 * those communes are located by point in polygon after the index misses them. Run once after the
 * deployment that adds the index, against its table; safe to run again, and while the platform runs.
 *
 *   TABLE_NAME=<table> npx tsx scripts/backfill-cell-index.ts
 */
import { territory } from '../shared/territory/territory-app';
import { dynamoTerritoryStore } from '../shared/territory/territory-store';

for (const siren of await dynamoTerritoryStore.listTerritories()) {
  const { indexed, left } = await territory.indexBoundariesSetBeforeTheIndex(siren);
  console.log(
    `${siren}: ${indexed.length} boundar${indexed.length === 1 ? 'y' : 'ies'} put in the cell index` +
      (left.length ? `; left out (too large, or set meanwhile): ${left.join(', ')}` : ''),
  );
}
