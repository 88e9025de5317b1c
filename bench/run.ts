/**
 * `npm run bench`: figures measured on this machine, each next to a baseline run in the same
 * process against the same DynamoDB Local, so the ratio means something across machines.
 *
 * - locate: a point → its commune (one Query of its cell in the cell index; point in polygon on a
 *   border cell), against the baseline of one raw GetItem; points spread over the demo territory,
 *   and one in a whole cell, one in a border cell, one outside (bench/territory-locate.ts).
 * - sensors: observations per second end to end (partner POST → queue → consumer → points,
 *   dirty marks, latest values; then with the rollups materialized), against the baseline of raw
 *   BatchWriteItem of as many items.
 * - portal: server time of the home page and of a report's page against the JSON call each wraps,
 *   and bytes per page (HTML + CSS + JS, no tiles) of every kind of page against the bars of 60 KB
 *   without a map and 250 KB with one (bench/portal-pages.ts).
 * - back office: an agent's inbox page with 5 000 reports in their body against the JSON list it
 *   wraps, newest first and filtered on a status, and the page reading its counts item against the
 *   same page counting from the index (a body not yet backfilled) (bench/back-office-inbox.ts).
 * - open data: a territory's export (every dataset; its reports streamed to CSV and GeoJSON in the
 *   object store) at 10 000 and 100 000 reports, time and peak memory, against a raw Query of the
 *   same reports (BENCH_OPEN_DATA_REPORTS=10000,100000 to change the counts).
 * - flat costs: the reports list of a body, the public map, the proposals of a consultation, a
 *   sensor's series and the SLA run (some 7 000 reports of a body flagged overdue at 100 000, none at
 *   1 000) at 1 000 against 100 000 items in the table, with the DynamoDB commands each
 *   call sends, and a raw GetItem timed alongside: how much slower DynamoDB Local itself answers
 *   at 100 000 (bench/flat-costs.ts, on a DynamoDB Local of its own; BENCH_FLAT_COUNTS to change the counts).
 * - bundles: every Lambda bundle as PlatformFunction builds it, its size (what a cold start loads;
 *   the chunks imported on first use beside it) and cold import time (wall and CPU, a fresh node
 *   each), median and largest against the goals (300 KB, 1 MB, 100 ms) and an empty handler
 *   (bench/bundles.ts; BENCH_BUNDLE_ROUNDS, default 3).
 * - HTTP stack: three routes through their Lambda handler and through the local gateway against
 *   their use case called directly, p50 (bench/http-overhead.ts).
 * - first start: `npm start` on a fresh data directory to GET /health and to the last demo data
 *   written, against DynamoDB Local alone (bench/first-start.ts; first, on a machine the bench
 *   has not loaded yet).
 */
import { spawn } from 'node:child_process';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { projectRoot } from '../infra/project-root';
import type { OpenDataExportFigures } from './open-data-export';
import { inboxLines, type InboxFigures } from './back-office-inbox';
import { firstStartFigures, firstStartLines } from './first-start';
import { useBenchTable } from './local-platform';
import { flatCostLines, type FlatCostFigures } from './flat-costs';
import { httpOverheadLines, type HttpOverheadFigures } from './http-overhead';
import { portalPagesLines, type PortalPagesFigures } from './portal-pages';
import type { IngestionFigures } from './sensors-ingestion';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 500);

interface Figures {
  readonly opsPerSecond: number;
  readonly medianMs: number;
  readonly p95Ms: number;
}

const measure = async (rounds: number, operation: (i: number) => Promise<unknown>): Promise<Figures> => {
  for (let i = 0; i < 20; i++) await operation(i); // warm-up: JIT, connections
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await operation(i);
    latencies.push(performance.now() - t);
  }
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    opsPerSecond: (rounds / elapsed) * 1000,
    medianMs: latencies[Math.floor(rounds / 2)]!,
    p95Ms: latencies[Math.floor(rounds * 0.95)]!,
  };
};

const line = (name: string, f: Figures) =>
  `${name.padEnd(34)} ${f.opsPerSecond.toFixed(0).padStart(7)} ops/s   median ${f.medianMs.toFixed(2)} ms   p95 ${f.p95Ms.toFixed(2)} ms`;

const rate = (name: string, perSecond: number, unit: string) =>
  `${name.padEnd(40)} ${perSecond.toFixed(0).padStart(7)} ${unit}`;

/** A bench script in a process of its own, against this run's DynamoDB Local: its last line, JSON. */
const childFigures = async <T>(
  script: string,
  env: Readonly<Record<string, string>>,
  nodeOptions: readonly string[] = [],
): Promise<T> => {
  const child = spawn(process.execPath, [...nodeOptions, '--import', 'tsx', script], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const last = output.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !last.startsWith('{')) throw new Error(`${script} failed (exit ${code}): ${output}`);
  return JSON.parse(last) as T;
};

/** bench/sensors-ingestion.ts against this run's DynamoDB Local. */
const sensorIngestionFigures = (dynamodbEndpoint: string) =>
  childFigures<IngestionFigures>('bench/sensors-ingestion.ts', { DYNAMODB_ENDPOINT: dynamodbEndpoint });

/** bench/open-data-export.ts for `reports` reports, in a fresh process (its memory measured from a clean start). */
const openDataExportFigures = (dynamodbEndpoint: string, reports: number) =>
  childFigures<OpenDataExportFigures>(
    'bench/open-data-export.ts',
    { DYNAMODB_ENDPOINT: dynamodbEndpoint, BENCH_REPORTS: String(reports) },
    ['--expose-gc'],
  );

/** bench/portal-pages.ts on this run's table and its demo data (the portal reads its configuration at import). */
const portalPagesFigures = (dynamodbEndpoint: string, tableName: string) =>
  childFigures<PortalPagesFigures>('bench/portal-pages.ts', {
    DYNAMODB_ENDPOINT: dynamodbEndpoint,
    BENCH_TABLE_NAME: tableName,
    BENCH_ROUNDS: String(ROUNDS),
  });

/** bench/back-office-inbox.ts on this run's table: 5 000 reports in one body, the inbox page against its JSON list. */
const inboxFiguresOf = (dynamodbEndpoint: string, tableName: string) =>
  childFigures<InboxFigures>('bench/back-office-inbox.ts', {
    DYNAMODB_ENDPOINT: dynamodbEndpoint,
    BENCH_TABLE_NAME: tableName,
    BENCH_ROUNDS: String(ROUNDS),
  });

const OPEN_DATA_COUNTS = (process.env.BENCH_OPEN_DATA_REPORTS ?? '10000,100000').split(',').map(Number);

const main = async () => {
  // Before this run's own DynamoDB Local: a newcomer's machine runs nothing else.
  const firstStart = await firstStartFigures();
  const dynamoDb = await startDynamoDbLocal({ storage: { inMemory: true } });
  try {
    const tableName = await useBenchTable(dynamoDb.endpoint);
    // The platform's modules read their configuration when imported: only now.
    const { seedDemoData, DEMO_SIREN } = await import('../infra/local/demo/seed');
    const seeding = await seedDemoData();
    // Every demo item, the sensors' history and the portfolio's live figures included: not while
    // locate is measured (bench/portfolio-list.ts then fills the portfolio up to 1 000 projects).
    await seeding?.written;

    // Locate against one GetItem: points spread over the demo territory, and one of each kind (bench/territory-locate.ts).
    const { locateFigures, locateLines } = await import('./territory-locate');
    const located = await locateFigures(DEMO_SIREN, ROUNDS);
    console.log(`Ville Ouverte benchmarks — ${ROUNDS} rounds each, DynamoDB Local in memory, one client\n`);
    console.log(locateLines(located).join('\n'));
    console.log(`\n${firstStartLines(firstStart).join('\n')}`);

    const { portfolioListFigures, PAGE_SIZE } = await import('./portfolio-list');
    const demoAdmin = { sub: 'bench', role: 'admin', territory: DEMO_SIREN, issuer: 'bench' } as const;
    const list = await portfolioListFigures(DEMO_SIREN, demoAdmin, ROUNDS, measure);
    console.log(
      `\nportfolio: ${list.projects} projects (${list.filled.imported} imported by CSV in ${(list.filled.ms / 1000).toFixed(1)} s)\n`,
    );
    console.log(line(`baseline: raw Query (${PAGE_SIZE} items)`, list.rawFirst));
    console.log(line(`portfolio list, first page (${PAGE_SIZE})`, list.listFirst));
    console.log(line(`baseline: raw Query, all (${list.wholeRounds}×)`, list.rawWhole));
    console.log(line(`portfolio list, all pages of 100`, list.listWhole));
    console.log(
      `\nportfolio list / raw Query: ${(list.listFirst.medianMs / list.rawFirst.medianMs).toFixed(2)}× the median latency (a page), ${(list.listWhole.medianMs / list.rawWhole.medianMs).toFixed(2)}× (the whole list)`,
    );

    // In a process of its own: it starts the local runtime, which sets the configuration the
    // platform's modules read when first imported (already imported here, for this table).
    const ingestion = await sensorIngestionFigures(dynamoDb.endpoint);
    console.log(
      `\nsensors: ${ingestion.observations} observations pushed over HTTP in batches of 500, 4 requests at a time\n`,
    );
    console.log(rate('baseline: BatchWriteItem (raw items)', ingestion.batchWritePerSecond, 'items/s'));
    console.log(rate('end to end: HTTP → queue → DynamoDB', ingestion.endToEndPerSecond, 'obs/s'));
    console.log(rate('  of which accepted (202, queued)', ingestion.acceptedPerSecond, 'obs/s'));
    console.log(rate('end to end, rollups materialized too', ingestion.withRollupsPerSecond, 'obs/s'));
    const { hours, days, ms } = ingestion.materialized;
    console.log(`  materializer: ${hours} hours and ${days} days recomputed in ${Math.round(ms)} ms`);
    console.log(
      `\nend to end / BatchWriteItem: ${(ingestion.endToEndPerSecond / ingestion.batchWritePerSecond).toFixed(2)}× the throughput`,
    );
    console.log(
      `end to end with rollups materialized / BatchWriteItem: ${(ingestion.withRollupsPerSecond / ingestion.batchWritePerSecond).toFixed(2)}× the throughput`,
    );

    // In a process of its own too: the portal's pages, on this table's demo data.
    const portal = await portalPagesFigures(dynamoDb.endpoint, tableName);
    console.log(`\n${portalPagesLines(portal).join('\n')}`);

    // After the portal's pages (their crawl is not to meet 5 000 more reports): the inbox of one body.
    const inbox = await inboxFiguresOf(dynamoDb.endpoint, tableName);
    console.log(`\n${inboxLines(inbox).join('\n')}`);

    // Each count in a process of its own: memory is measured from a clean start.
    const exports: OpenDataExportFigures[] = [];
    for (const reports of OPEN_DATA_COUNTS) exports.push(await openDataExportFigures(dynamoDb.endpoint, reports));
    console.log(
      "\nopen data: a territory's export (every dataset; reports streamed to CSV and GeoJSON in the object store)\n" +
        'against a raw Query of the same reports (commune index, every page, items dropped)\n',
    );
    console.log(
      `${'reports'.padStart(8)} ${'raw Query'.padStart(11)} ${'export'.padStart(11)} ${'export/Query'.padStart(13)}` +
        `   peak memory: ${'Query'.padStart(8)} ${'export'.padStart(8)}   files (CSV, GeoJSON)`,
    );
    for (const f of exports) {
      console.log(
        `${f.reports.toLocaleString('en').padStart(8)} ${`${f.queryMs.toFixed(0)} ms`.padStart(11)} ` +
          `${`${f.exportMs.toFixed(0)} ms`.padStart(11)} ${`${(f.exportMs / f.queryMs).toFixed(2)}×`.padStart(13)}` +
          `                ${`${f.queryPeakMb.toFixed(1)} MB`.padStart(8)} ${`${f.exportPeakMb.toFixed(1)} MB`.padStart(8)}` +
          `   ${(f.csvBytes / 1e6).toFixed(1)} MB, ${(f.geojsonBytes / 1e6).toFixed(1)} MB`,
      );
    }
    if (exports.length >= 2) {
      const [small, large] = [exports[0]!, exports.at(-1)!];
      console.log(
        `\n${large.reports / small.reports}× the reports: the export's peak memory ${(large.exportPeakMb / small.exportPeakMb).toFixed(2)}× ` +
          `(the raw Query's ${(large.queryPeakMb / small.queryPeakMb).toFixed(2)}×), its time ${(large.exportMs / small.exportMs).toFixed(2)}×`,
      );
    }
    // In a process and a DynamoDB Local of its own, as when run alone: the emulator answers slower
    // as it fills (SQLite, one JVM for every table), and the benches before leave well over 100 000
    // items in it (the open-data export's 110 000 reports alone).
    const flatDynamoDb = await startDynamoDbLocal({ storage: { inMemory: true } });
    try {
      const flat = await childFigures<FlatCostFigures>('bench/flat-costs.ts', {
        DYNAMODB_ENDPOINT: flatDynamoDb.endpoint,
      });
      console.log(`\n${flatCostLines(flat).join('\n')}`);
    } finally {
      await flatDynamoDb.stop();
    }
    // Each in a process of its own, on a table of its own (seeded with the demo data) in this DynamoDB Local.
    const overhead = await childFigures<HttpOverheadFigures>('bench/http-overhead.ts', {
      DYNAMODB_ENDPOINT: dynamoDb.endpoint,
      BENCH_ROUNDS: String(ROUNDS),
    });
    console.log(`\n${httpOverheadLines(overhead).join('\n')}`);
  } finally {
    await dynamoDb.stop();
  }
  // No table needed: every Lambda bundle built as a synth builds it, its size and cold import
  // (bench/bundles.ts). Once DynamoDB Local has stopped, so that nothing else runs on these two
  // cores while imports are timed.
  const { bundlesFigures, bundlesLines } = await import('./bundles');
  console.log(`\n${bundlesLines(await bundlesFigures()).join('\n')}`);
};

await main();
