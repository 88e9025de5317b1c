/**
 * The open-data export of a territory with BENCH_REPORTS reports (default 10 000): its time and
 * peak memory, next to a raw Query of the same items (the commune index, page after page, items
 * dropped) in the same process, against the same DynamoDB Local. Run by bench/run.ts in a process
 * of its own per count (the platform's modules read their configuration when imported, and a
 * fresh process measures memory from a clean start); prints one JSON line. Alone:
 * `BENCH_REPORTS=100000 npx tsx bench/open-data-export.ts`.
 *
 * The export runs every dataset, through the production S3 adapter, against the local object store
 * of a local runtime started in a child process (`infra/local/start.ts`), so this process's memory
 * is the exporter's alone, as a Lambda's would be. Reports are filed in 2025, outside the SLA
 * statistics' 90-day window, so that dataset reads none of them and the figures are the reports'.
 */
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopChild } from '../infra/local/child-process';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { freePort } from '../infra/local/free-port';
import { projectRoot } from '../infra/project-root';
import { inParallel } from '../shared/kernel/in-parallel';

const REPORTS = Number(process.env.BENCH_REPORTS ?? 10_000);
const SIREN = '243100518';
const CONCURRENT_WRITES = 8;

export interface OpenDataExportFigures {
  readonly reports: number;
  /** Raw Query of the commune index, every page, items dropped. */
  readonly queryMs: number;
  readonly queryPeakMb: number;
  /** The whole export (every dataset, files streamed to the object store, records written). */
  readonly exportMs: number;
  readonly exportPeakMb: number;
  /** Bytes of the reports' CSV and GeoJSON. */
  readonly csvBytes: number;
  readonly geojsonBytes: number;
}

/** How long `work` takes. */
const timed = async <T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> => {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
};

/**
 * Peak of the memory `work` keeps alive (heap + off-heap buffers, sampled every 200 ms right after
 * a full garbage collection, so garbage not yet collected does not count), in MB over what was in
 * use before it. A pass of its own: the collections slow the work down. Needs --expose-gc
 * (bench/run.ts passes it); without it, the figure includes garbage.
 */
const peakMemory = async (work: () => Promise<unknown>): Promise<number> => {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  const inUse = () => {
    gc();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const before = inUse();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, inUse())), 200);
  try {
    await work();
    return (Math.max(peak, inUse()) - before) / 1e6;
  } finally {
    clearInterval(sampler);
  }
};

const main = async (): Promise<OpenDataExportFigures> => {
  const ownDynamoDb = process.env.DYNAMODB_ENDPOINT
    ? undefined
    : await startDynamoDbLocal({ storage: { inMemory: true } });
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-open-data-'));
  const dynamodbEndpoint = process.env.DYNAMODB_ENDPOINT ?? ownDynamoDb!.endpoint;
  const tableName = `ville-ouverte-bench-open-data-${REPORTS}`;
  const port = await freePort();
  const runtime = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
    cwd: projectRoot,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      DYNAMODB_ENDPOINT: dynamodbEndpoint,
      TABLE_NAME: tableName,
      LOCAL_SEED: 'false',
    },
  });
  const url = `http://127.0.0.1:${port}`;
  for (let ready = false; !ready;) {
    if (runtime.exitCode !== null) throw new Error('The local runtime did not start');
    ready =
      (await fetch(`${url}/health`).then(
        (r) => r.status,
        () => 0,
      )) === 200;
    if (!ready) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // What the exporter reads when first imported: the table, and the runtime's object store.
  Object.assign(process.env, {
    DYNAMODB_ENDPOINT: dynamodbEndpoint,
    TABLE_NAME: tableName,
    AWS_REGION: process.env.AWS_REGION ?? 'eu-west-3',
    QUEUE_URLS: '{}',
    S3_ENDPOINT: `${url}/_local/s3`,
    OPEN_DATA_BUCKET: 'open-data',
    OPEN_DATA_BASE_URL: url,
  });
  try {
    process.env.LOG_LEVEL = 'ERROR';
    const { importCommunes } = await import('../shared/territory/import-communes-app');
    const { territory } = await import('../shared/territory/territory-app');
    const { reportItem } = await import('../shared/reports/report-store');
    const { dynamo, TABLE_NAME, INDEXES } = await import('../shared/runtime/dynamo');
    const { newId } = await import('../shared/kernel/ids');
    const { openDataExports } = await import('../shared/opendata/opendata-app');
    const admin = { sub: 'bench', role: 'admin', territory: SIREN, issuer: 'bench' } as const;
    await importCommunes(admin, SIREN);
    const communes = await territory.listCommunes(SIREN);

    // The reports, written raw (the store's own item shape, index keys included), 25 per request.
    const year = Date.parse('2025-01-01T00:00:00Z');
    const items = Array.from({ length: REPORTS }, (_, i) => {
      const createdAt = new Date(year + Math.floor((i / REPORTS) * 360 * 86_400_000)).toISOString();
      const commune = communes[i % communes.length]!;
      return reportItem({
        id: newId(),
        territory: SIREN,
        category: ['voirie', 'proprete', 'espaces-verts'][i % 3]!,
        commune: commune.insee,
        bodyId: SIREN,
        bodyKind: 'territory',
        location: { lat: 43.55 + (i % 97) * 0.002, lon: 1.35 + (i % 89) * 0.002 },
        description: `Signalement n° ${i} : nid-de-poule, "profond", devant le n° ${i % 120}`,
        answers: {},
        photos: [],
        status: (['new', 'acknowledged', 'resolved'] as const)[i % 3]!,
        channel: 'online',
        contact: { email: `citoyen-${i}@example.fr` },
        supportCount: 0,
        createdAt,
        updatedAt: createdAt,
        ...(i % 3 === 2 ? { acknowledgedAt: createdAt, resolvedAt: createdAt } : {}),
        overdue: false,
        version: 1,
      });
    });
    const batches = Array.from({ length: Math.ceil(items.length / 25) }, (_, b) => items.slice(b * 25, b * 25 + 25));
    await inParallel(batches, CONCURRENT_WRITES, async (batch) => {
      let pending = batch.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length > 0) {
        const result = await dynamo.send(new BatchWriteCommand({ RequestItems: { [TABLE_NAME]: pending } }));
        pending = (result.UnprocessedItems?.[TABLE_NAME] ?? []) as typeof pending;
      }
    });
    items.length = 0;
    batches.length = 0;

    const rawQuery = async () => {
      let count = 0;
      for (const commune of communes) {
        let start: Record<string, unknown> | undefined;
        do {
          const page = await dynamo.send(
            new QueryCommand({
              TableName: TABLE_NAME,
              IndexName: INDEXES.gsi4,
              KeyConditionExpression: 'gsi4pk = :pk',
              ExpressionAttributeValues: { ':pk': `TERRITORY#${SIREN}#COMMUNE#${commune.insee}#REPORTS` },
              ScanIndexForward: false,
              Limit: 1000,
              ExclusiveStartKey: start,
            }),
          );
          count += page.Items?.length ?? 0;
          start = page.LastEvaluatedKey;
        } while (start);
      }
      return count;
    };
    const query = await timed(rawQuery);
    const queryPeakMb = await peakMemory(rawQuery);
    if (query.result !== REPORTS) throw new Error(`The raw Query read ${query.result} reports, not ${REPORTS}`);

    const runExport = () => openDataExports.runExport({ territory: SIREN, exportId: newId() });
    const exported = await timed(runExport);
    const exportPeakMb = await peakMemory(runExport);
    if (exported.result.status !== 'done') throw new Error(`The export ended ${exported.result.status}`);
    const reports = exported.result.datasets!.find((d) => d.slug === 'reports')!;
    if (reports.records !== REPORTS) throw new Error(`The export wrote ${reports.records} reports, not ${REPORTS}`);
    const size = (format: string) => reports.files.find((f) => f.key.endsWith(`.${format}`))!.byteSize;
    return {
      reports: REPORTS,
      queryMs: query.ms,
      queryPeakMb,
      exportMs: exported.ms,
      exportPeakMb,
      csvBytes: size('csv'),
      geojsonBytes: size('geojson'),
    };
  } finally {
    await stopChild(runtime);
    await ownDynamoDb?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
};

console.log(JSON.stringify(await main()));
process.exit(0);
