/**
 * Locating a point (bench/run.ts): `territory.locate` against the baseline of one raw GetItem, on
 * the demo territory's 37 boundaries, for points spread over it (~9 % outside every commune), for a
 * point in a whole cell of the cell index, one in a border cell and one outside every commune; with
 * the read capacity a locate consumes (DynamoDB Local reports that of reads as DynamoDB would, not
 * that of transactions). Standalone (`node --import tsx bench/territory-locate.ts`) it starts its
 * own DynamoDB Local, imports the territory and also times setting the 37 demo boundaries, at once
 * as the demo seed does (BENCH_SEQUENTIAL=1: one after another; BENCH_DISK=1: DynamoDB Local on
 * disk, as `npm start`).
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Boundary } from '../shared/territory/geometry';
import { useBenchTable } from './local-platform';

interface Figures {
  readonly opsPerSecond: number;
  readonly medianMs: number;
  readonly p95Ms: number;
}
type SetBoundaries = 'at once' | 'one after another';

export interface LocateFigures {
  readonly baseline: Figures;
  readonly locate: Figures;
  readonly inner: Figures;
  readonly border: Figures;
  readonly outside: Figures;
  /** Read capacity units consumed per locate of the spread points (eventually consistent reads). */
  readonly rcuPerLocate: number;
  readonly boundaries?: { readonly ms: number; readonly count: number; readonly how: SetBoundaries };
}

/** Sums the read capacity the platform's client's reads report, while `on`. */
const readCapacityMeter = async () => {
  const { dynamo } = await import('../shared/runtime/dynamo');
  const meter = { on: false, read: 0 };
  type Capacity = { CapacityUnits?: number };
  dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      if (!meter.on || !/Get|Query/.test(String(context.commandName))) return next(args);
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity;
      for (const c of [consumed ?? []].flat()) meter.read += c.CapacityUnits ?? 0;
      return result;
    },
    { step: 'initialize', name: 'benchReadCapacityMeter' },
  );
  return meter;
};

const demoBoundaries = async () => {
  const { approximateBoundaries, parseCentroidsCsv } = await import('../infra/local/demo/approximate-boundaries');
  const csv = fileURLToPath(new URL('../infra/local/demo/toulouse-metropole-centroids.csv', import.meta.url));
  return approximateBoundaries(parseCentroidsCsv(readFileSync(csv, 'utf8')));
};

export const locateFigures = async (
  siren: string,
  rounds: number,
  options: { readonly setBoundaries?: SetBoundaries } = {},
): Promise<LocateFigures> => {
  const { territory } = await import('../shared/territory/territory-app');
  const { dynamo, TABLE_NAME } = await import('../shared/runtime/dynamo');
  const { coverBoundary, cellOf } = await import('../shared/territory/cell-index');
  const meter = await readCapacityMeter();
  const boundaries = await demoBoundaries();

  let set: LocateFigures['boundaries'];
  if (options.setBoundaries) {
    const admin = { sub: 'bench', role: 'admin', territory: siren, issuer: 'bench' } as const;
    const setOne = ([insee, boundary]: [string, Boundary]) =>
      territory.setBoundary(admin, siren, insee, boundary, 'demo: approximate (bench)');
    const started = performance.now();
    // As the demo seed does (all at once), or one after another.
    if (options.setBoundaries === 'at once') await Promise.all([...boundaries].map(setOne));
    else for (const entry of boundaries) await setOne(entry);
    set = { ms: performance.now() - started, count: boundaries.size, how: options.setBoundaries };
  }

  // Points spread over the demo territory, the same sequence every run.
  let seed = 1;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const points = Array.from({ length: rounds + 20 }, () => [43.52 + random() * 0.2, 1.3 + random() * 0.3] as const);
  // A point in a whole cell of one commune, one in a border cell (inside a commune): the same every run.
  const wholeCells = new Set<string>();
  const borderCells = new Set<string>();
  for (const boundary of boundaries.values()) {
    const cover = coverBoundary(boundary);
    cover.whole.forEach((c) => wholeCells.add(c));
    cover.border.forEach((c) => borderCells.add(c));
  }
  const inside = async ([lat, lon]: readonly [number, number]) =>
    territory.locate(siren, lat, lon).then(
      () => true,
      () => false,
    );
  const pick = async (fits: (p: readonly [number, number]) => Promise<boolean>) => {
    for (const p of points) if (await fits(p)) return p;
    throw new Error('no such point in the sequence');
  };
  const innerPoint = await pick(async (p) => wholeCells.has(cellOf(p[0], p[1])) && (await inside(p)));
  const borderPoint = await pick(async (p) => borderCells.has(cellOf(p[0], p[1])) && (await inside(p)));
  const outsidePoint = await pick(async (p) => !(await inside(p)));

  // Interleaved, one call of each per round: the load of a shared machine drifts, and the ratio is
  // to compare the calls under the same load, not over windows seconds apart.
  const figures = await interleaved(rounds, [
    () =>
      dynamo.send(new GetCommand({ TableName: TABLE_NAME, Key: { pk: `TERRITORY#${siren}`, sk: 'COMMUNE#31555' } })),
    (i) => territory.locate(siren, points[i]![0], points[i]![1]).catch(() => undefined),
    () => territory.locate(siren, innerPoint[0], innerPoint[1]),
    () => territory.locate(siren, borderPoint[0], borderPoint[1]),
    () => territory.locate(siren, outsidePoint[0], outsidePoint[1]).catch(() => undefined),
  ]);

  meter.read = 0;
  meter.on = true;
  for (let i = 0; i < rounds; i++) await territory.locate(siren, points[i]![0], points[i]![1]).catch(() => undefined);
  meter.on = false;
  const [baseline, locate, inner, border, outside] = figures as [Figures, Figures, Figures, Figures, Figures];
  return {
    baseline,
    locate,
    inner,
    border,
    outside,
    rcuPerLocate: meter.read / rounds,
    ...(set ? { boundaries: set } : {}),
  };
};

const line = (name: string, f: Figures) =>
  `${name.padEnd(34)} ${f.opsPerSecond.toFixed(0).padStart(7)} ops/s   median ${f.medianMs.toFixed(2)} ms   p95 ${f.p95Ms.toFixed(2)} ms`;

export const locateLines = (f: LocateFigures): string[] => [
  line('baseline: GetItem (one commune)', f.baseline),
  line('locate a point (37 communes)', f.locate),
  line('  a point in a whole cell', f.inner),
  line('  a point in a border cell', f.border),
  line('  a point outside every commune', f.outside),
  '',
  `locate / GetItem: ${(f.locate.medianMs / f.baseline.medianMs).toFixed(2)}× the median latency`,
  `  whole cell ${(f.inner.medianMs / f.baseline.medianMs).toFixed(2)}×, border cell ${(f.border.medianMs / f.baseline.medianMs).toFixed(2)}×, ` +
    `outside ${(f.outside.medianMs / f.baseline.medianMs).toFixed(2)}×; ${f.rcuPerLocate.toFixed(2)} RCU a locate`,
  ...(f.boundaries
    ? [
        `setting the ${f.boundaries.count} demo boundaries ${f.boundaries.how}: ${(f.boundaries.ms / 1000).toFixed(2)} s`,
      ]
    : []),
];

/** Each operation `rounds` times after 20 rounds of warm-up (JIT, connections), taking turns. */
const interleaved = async (rounds: number, operations: readonly ((i: number) => Promise<unknown>)[]) => {
  const latencies = operations.map(() => [] as number[]);
  for (let i = 0; i < rounds + 20; i++) {
    for (const [k, operation] of operations.entries()) {
      const started = performance.now();
      await operation(i);
      if (i >= 20) latencies[k]!.push(performance.now() - started);
    }
  }
  return latencies.map((l): Figures => {
    const sorted = [...l].sort((x, y) => x - y);
    return {
      opsPerSecond: (rounds / l.reduce((sum, ms) => sum + ms, 0)) * 1000,
      medianMs: sorted[Math.floor(rounds / 2)]!,
      p95Ms: sorted[Math.floor(rounds * 0.95)]!,
    };
  });
};

/** Standalone: its own DynamoDB Local (in memory, or on disk with BENCH_DISK=1), the territory imported, the boundaries set. */
const standalone = async () => {
  const { startDynamoDbLocal } = await import('../infra/local/dynamodb-local');
  const dir = process.env.BENCH_DISK ? mkdtempSync(join(tmpdir(), 'locate-bench-')) : undefined;
  const dynamoDb = await startDynamoDbLocal({ storage: dir ? { dbPath: dir } : { inMemory: true } });
  try {
    await useBenchTable(dynamoDb.endpoint);
    const siren = '243100518';
    const { importCommunes } = await import('../shared/territory/import-communes-app');
    await importCommunes({ sub: 'bench', role: 'admin', territory: siren, issuer: 'bench' }, siren, { demo: true });
    const rounds = Number(process.env.BENCH_ROUNDS ?? 500);
    const figures = await locateFigures(siren, rounds, {
      setBoundaries: process.env.BENCH_SEQUENTIAL ? 'one after another' : 'at once',
    });
    console.log(`${rounds} rounds each, DynamoDB Local ${dir ? 'on disk' : 'in memory'}\n`);
    console.log(locateLines(figures).join('\n'));
  } finally {
    await dynamoDb.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await standalone();
