/**
 * One-off: gives the SLA engine's watch items to the open reports with a due date, not yet flagged
 * overdue, that predate them, and marks each body watched, in every territory of the registry
 * (shared/reports/report-store.ts watchBody). Run once after the deployment that adds the watch
 * items has finished (functions of the previous version do not write them), against its table;
 * safe to run again, and while the platform runs. Until a body is marked, the SLA engine reads its
 * reports from the index as before (every open report past due, the flagged ones included).
 *
 *   TABLE_NAME=<table> npx tsx scripts/backfill-sla-watch.ts
 */
import { watchBody } from '../shared/reports/report-store';
import { dynamoTerritoryStore } from '../shared/territory/territory-store';

for (const siren of await dynamoTerritoryStore.listTerritories()) {
  const bodies = await dynamoTerritoryStore.listBodies(siren);
  let [watched, marked] = [0, 0];
  for (const body of bodies) {
    const outcome = await watchBody(siren, body.id);
    watched += outcome.watched;
    if (outcome.marked) marked++;
  }
  console.log(
    `${siren}: ${watched} report(s) watched across ${bodies.length} bodies (${marked} already marked before this run)`,
  );
}
