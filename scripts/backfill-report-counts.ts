/**
 * One-off: writes the counts per status (COUNTS item) of every body whose reports predate them, in
 * every territory of the registry (shared/reports/report-store.ts recountBody). Run once after the
 * deployment that adds the counts has finished (functions of the previous version do not move
 * them), against its table; safe to run again: a body already counted is kept. `--recount` counts
 * every body again (and repairs one that was written by a previous version during the deployment).
 * Until a body is counted, its inbox counts from the index as before (capped at 1 000).
 *
 *   TABLE_NAME=<table> npx tsx scripts/backfill-report-counts.ts [--recount]
 */
import { recountBody } from '../shared/reports/report-store';
import { dynamoTerritoryStore } from '../shared/territory/territory-store';

const recount = process.argv.includes('--recount');
/** Bodies counted side by side: each waits for the index (2 s) before it counts. */
const AT_ONCE = 10;
for (const siren of await dynamoTerritoryStore.listTerritories()) {
  const bodies = await dynamoTerritoryStore.listBodies(siren);
  const outcomes: Awaited<ReturnType<typeof recountBody>>[] = [];
  for (let i = 0; i < bodies.length; i += AT_ONCE) {
    outcomes.push(
      ...(await Promise.all(bodies.slice(i, i + AT_ONCE).map((b) => recountBody(siren, b.id, { recount })))),
    );
  }
  const kept = outcomes.filter((o) => o === 'kept').length;
  const counted = outcomes.length - kept;
  console.log(`${siren}: ${counted} bod${counted === 1 ? 'y' : 'ies'} counted, ${kept} already counted`);
}
