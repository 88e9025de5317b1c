/**
 * Every Lambda bundle of the wiring: its size (what a cold start loads, below) and its cold import
 * time, against the goals of issue 13 (median ≤ 300 KB, largest ≤ 1 MB, median import ≤ 100 ms) and
 * against an empty handler bundled the same way in the same run.
 *
 * Each handler is bundled with esbuild's API and the options a synth bundles it with
 * (platformEsbuildOptions in infra/constructs/platform-function.ts: one source of truth, so these
 * are the bytes a synth deploys, checked once against a real `cdk synth`'s cdk.out). A bundle's size
 * is what its cold start loads: index.mjs and the chunks it imports at once, not the chunks of the
 * modules imported on first use (printed beside it), nor the .map files. The import time
 * is that of `await import(bundle)` in a fresh `node` process, with the functions' NODE_OPTIONS
 * (source maps on, as in Lambda) and a neutral environment (nothing is called at import), the median
 * of BENCH_BUNDLE_ROUNDS (default 3) processes, bundles taken in turn; with the CPU time the process
 * spent in it, which a busy shared machine disturbs far less than the wall time.
 * No DynamoDB needed.
 *
 * Alone: `node --import tsx bench/bundles.ts` (all), `… bench/bundles.ts functions/x/y.ts …` (some),
 * `… bench/bundles.ts --inputs functions/x/y.ts` (which inputs weigh most in that bundle, by package).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { outputsLoadedBy } from '../infra/bundle-outputs';
import { FUNCTION_NODE_OPTIONS, platformEsbuildOptions } from '../infra/constructs/platform-function';
import { planFunctions } from '../infra/function-plan';
import { projectRoot } from '../infra/project-root';
import { consumers, routes, schedules } from '../shared/wiring';

export const GOAL_MEDIAN_BYTES = 300 * 1024;
export const GOAL_LARGEST_BYTES = 1024 * 1024;
export const GOAL_MEDIAN_IMPORT_MS = 100;
const ROUNDS = Number(process.env.BENCH_BUNDLE_ROUNDS ?? 3);

export interface BundleFigure {
  /** Handler path from the project root; `(empty handler)` for the baseline. */
  readonly handler: string;
  /** What its cold start loads. */
  readonly bytes: number;
  /** The chunks of the modules it imports on first use, loaded then if ever. */
  readonly onFirstUseBytes: number;
  /** Wall time of the import (median). */
  readonly importMs: number;
  /** CPU time the process spent in it (median): what the import costs an idle core; steadier on a shared machine. */
  readonly importCpuMs: number;
  /** Its bytes (at cold start) by origin (esbuild's metafile). */
  readonly made: Readonly<Record<Origin, number>>;
  /** Its bytes by third-party package. */
  readonly packages: ReadonlyMap<string, number>;
}

const ORIGINS = ['AWS SDK', 'zod', 'other libraries', 'our code'] as const;
type Origin = (typeof ORIGINS)[number];

/** The package an input of esbuild's metafile comes from; none for our own files. */
const packageOf = (input: string): string | undefined => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];

/** What a cold start of a one-entry build loads (index.mjs, the chunks it imports at once); with `onFirstUse`, all it may load. */
const loadedFiles = (metafile: Metafile, { onFirstUse }: { readonly onFirstUse: boolean }) =>
  outputsLoadedBy(
    metafile,
    Object.keys(metafile.outputs).find((o) => o.endsWith('/index.mjs'))!,
    { onFirstUse },
  ).map((o) => metafile.outputs[o]!);

const bytesOf = (outputs: readonly Metafile['outputs'][string][]) => outputs.reduce((sum, o) => sum + o.bytes, 0);

/** Each input of a cold start's files, with its bytes there. */
const coldInputs = (metafile: Metafile): [string, number][] =>
  loadedFiles(metafile, { onFirstUse: false }).flatMap((o) =>
    Object.entries(o.inputs).map(([input, { bytesInOutput }]): [string, number] => [input, bytesInOutput]),
  );

const originOf = (input: string): Origin => {
  const pkg = packageOf(input);
  if (!pkg) return 'our code';
  if (/^@(aws-sdk|smithy|aws-crypto)\//.test(pkg)) return 'AWS SDK';
  return pkg === 'zod' ? 'zod' : 'other libraries';
};

const madeOf = (metafile: Metafile): Pick<BundleFigure, 'bytes' | 'onFirstUseBytes' | 'made' | 'packages'> => {
  const made = Object.fromEntries(ORIGINS.map((o) => [o, 0])) as Record<Origin, number>;
  const packages = new Map<string, number>();
  const bytes = bytesOf(loadedFiles(metafile, { onFirstUse: false }));
  const onFirstUseBytes = bytesOf(loadedFiles(metafile, { onFirstUse: true })) - bytes;
  for (const [input, bytesInOutput] of coldInputs(metafile)) {
    made[originOf(input)] += bytesInOutput;
    const pkg = packageOf(input);
    if (pkg) packages.set(pkg, (packages.get(pkg) ?? 0) + bytesInOutput);
  }
  return { bytes, onFirstUseBytes, made, packages };
};

/**
 * The packages every bundle carries, each at its smallest: what a bundle weighs before any code of
 * ours, whatever it does (the DynamoDB client, zod, the logger and metrics).
 */
const floorOf = (bundles: readonly BundleFigure[]): [string, number][] =>
  [...bundles[0]!.packages.keys()]
    .filter((pkg) => bundles.every((b) => b.packages.has(pkg)))
    .map((pkg): [string, number] => [pkg, Math.min(...bundles.map((b) => b.packages.get(pkg)!))])
    .sort((a, b) => b[1] - a[1]);

export interface BundlesFigures {
  readonly rounds: number;
  readonly baseline: BundleFigure;
  readonly bundles: readonly BundleFigure[];
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const run = promisify(execFile);

/**
 * What a function finds in its environment in AWS (infra/stacks/context-stack.ts, portal-front-end.ts),
 * every variable a module may read at import given, none reachable: secrets are named by ARN and
 * read on first use, so importing calls nothing.
 */
const NEUTRAL_ENVIRONMENT = {
  NODE_OPTIONS: FUNCTION_NODE_OPTIONS,
  AWS_REGION: 'eu-west-3',
  POWERTOOLS_SERVICE_NAME: 'ville-ouverte',
  LOG_LEVEL: 'ERROR',
  TABLE_NAME: 'bench-bundles',
  OIDC_ISSUERS: '[]',
  QUEUE_URLS: '{}',
  MAIL_FROM: 'bench@example.org',
  UPLOADS_BUCKET: 'bench-uploads',
  OPEN_DATA_BUCKET: 'bench-open-data',
  OPEN_DATA_BASE_URL: 'https://bench.example.org/open-data',
  CURSOR_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-3:000000000000:secret:bench-cursor',
  PORTAL_SESSION_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-3:000000000000:secret:bench-session',
  PORTAL_ORIGIN: 'https://bench.example.org',
};

/** Milliseconds `await import(file)` takes in a fresh process, as Lambda's runtime loads a handler: wall and CPU. */
const importMs = async (file: string): Promise<{ wall: number; cpu: number }> => {
  const script =
    'const c = process.cpuUsage(); const t = performance.now(); await import(process.env.BENCH_BUNDLE); ' +
    'const wall = performance.now() - t; const u = process.cpuUsage(c); ' +
    'process.stdout.write(JSON.stringify({ wall, cpu: (u.user + u.system) / 1000 }));';
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    cwd: tmpdir(),
    env: { PATH: process.env.PATH, ...NEUTRAL_ENVIRONMENT, BENCH_BUNDLE: pathToFileURL(file).href },
  });
  return JSON.parse(stdout) as { wall: number; cpu: number };
};

/** Bundles `entry` as PlatformFunction does, into `dir` (index.mjs and its chunks); returns the metafile. */
const bundle = async (entry: string, dir: string): Promise<Metafile> => {
  const result = await build({
    ...platformEsbuildOptions(entry, dir),
    absWorkingDir: projectRoot,
    metafile: true,
    logLevel: 'error',
  });
  return result.metafile;
};

/** The handler files of the wiring, one per function (infra/function-plan.ts). */
export const wiredHandlers = (): string[] => planFunctions({ routes, consumers, schedules }).map((p) => p.handler);

export const bundlesFigures = async (handlers: readonly string[] = wiredHandlers()): Promise<BundlesFigures> => {
  const root = mkdtempSync(join(tmpdir(), 'vo-bundles-'));
  try {
    const emptyEntry = join(root, 'empty-handler.ts');
    writeFileSync(emptyEntry, 'export const handler = async () => ({ statusCode: 204 });\n');
    const entries = [
      { handler: '(empty handler)', entry: emptyEntry },
      ...handlers.map((handler) => ({ handler, entry: join(projectRoot, handler) })),
    ];
    const files = new Map<string, string>();
    const made = new Map<string, Pick<BundleFigure, 'bytes' | 'onFirstUseBytes' | 'made' | 'packages'>>();
    // Two at a time: esbuild uses every core anyway.
    for (let i = 0; i < entries.length; i += 2) {
      await Promise.all(
        entries.slice(i, i + 2).map(async ({ handler, entry }, j) => {
          const dir = join(root, String(i + j));
          made.set(handler, madeOf(await bundle(entry, dir)));
          files.set(handler, join(dir, 'index.mjs'));
        }),
      );
    }
    const times = new Map<string, { wall: number; cpu: number }[]>(entries.map(({ handler }) => [handler, []]));
    // Round after round over every bundle, one process at a time: a burst of noise spreads over all.
    for (let round = 0; round < ROUNDS; round++) {
      for (const { handler } of entries) times.get(handler)!.push(await importMs(files.get(handler)!));
    }
    const [baseline, ...bundles] = entries.map(({ handler }) => ({
      handler,
      importMs: median(times.get(handler)!.map((t) => t.wall)),
      importCpuMs: median(times.get(handler)!.map((t) => t.cpu)),
      ...made.get(handler)!,
    }));
    return { rounds: ROUNDS, baseline: baseline!, bundles };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
};

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/** What one bundle is made of, by origin: what a smaller bundle would have to leave out. */
const madeLine = (what: string, b: BundleFigure): string =>
  `${what} (${b.handler}, ${kb(b.bytes)}) is made of: ${ORIGINS.map((o) => `${o} ${kb(b.made[o])}`).join(', ')}`;

export const bundlesLines = (f: BundlesFigures): string[] => {
  const bySize = [...f.bundles].sort((a, b) => a.bytes - b.bytes);
  const largest = bySize.at(-1)!;
  const medianBytes = median(f.bundles.map((b) => b.bytes));
  const medianWhole = median(f.bundles.map((b) => b.bytes + b.onFirstUseBytes));
  const medianWithoutSdk = median(f.bundles.map((b) => b.bytes - b.made['AWS SDK']));
  const medianImport = median(f.bundles.map((b) => b.importMs));
  const medianCpu = median(f.bundles.map((b) => b.importCpuMs));
  const byCpu = [...f.bundles].sort((a, b) => a.importCpuMs - b.importCpuMs);
  const [quickest, slowest] = [byCpu[0]!, byCpu.at(-1)!];
  const width = Math.max(...f.bundles.map((b) => b.handler.length), 20);
  const floor = floorOf(f.bundles);
  const floorBytes = floor.reduce((sum, [, bytes]) => sum + bytes, 0);
  return [
    `bundles: ${f.bundles.length} Lambda bundles as PlatformFunction builds them: size at cold start ` +
      `(index.mjs and the chunks it imports at once, no .map), chunks imported on first use, ` +
      `cold import in a fresh node (${FUNCTION_NODE_OPTIONS}), median of ${f.rounds}\n`,
    `${'bundle'.padEnd(width)} ${'size'.padStart(9)} ${'first use'.padStart(9)} ${'import'.padStart(10)} ${'its CPU'.padStart(10)}`,
    ...[f.baseline, ...bySize].map(
      (b) =>
        `${b.handler.padEnd(width)} ${kb(b.bytes).padStart(9)} ${`+${kb(b.onFirstUseBytes)}`.padStart(9)} ` +
        `${`${b.importMs.toFixed(1)} ms`.padStart(10)} ${`${b.importCpuMs.toFixed(1)} ms`.padStart(10)}`,
    ),
    '',
    `median size ${kb(medianBytes)} (${kb(medianWhole)} with what is imported on first use), ` +
      `largest ${kb(largest.bytes)} (${largest.handler}); ` +
      `median import ${medianImport.toFixed(1)} ms (CPU ${medianCpu.toFixed(1)} ms), ` +
      `costliest CPU ${slowest.importCpuMs.toFixed(1)} ms (${slowest.handler})`,
    madeLine('the median-size bundle', bySize[Math.floor(bySize.length / 2)]!),
    madeLine('the smallest', bySize[0]!),
    `carried by every bundle: ${kb(floorBytes)} of packages, before any code of ours (${floor
      .slice(0, 8)
      .map(([pkg, bytes]) => `${pkg} ${kb(bytes)}`)
      .join(', ')}${floor.length > 8 ? `, ${floor.length - 8} more` : ''})`,
    `bundle floor / 300 KB goal: ${(floorBytes / GOAL_MEDIAN_BYTES).toFixed(2)}× the size`,
    `bundle median size / 300 KB goal: ${(medianBytes / GOAL_MEDIAN_BYTES).toFixed(2)}× the size`,
    // The other choice goal 1 names: the SDK taken from Lambda's runtime leaves the bundles, and is
    // then loaded from its many files at each cold start (slower, measured: see platformEsbuildOptions).
    `bundle median size without the AWS SDK / 300 KB goal: ${(medianWithoutSdk / GOAL_MEDIAN_BYTES).toFixed(2)}× the size`,
    `bundle largest size / 1 MB goal: ${(largest.bytes / GOAL_LARGEST_BYTES).toFixed(2)}× the size`,
    `bundle median import / 100 ms goal: ${(medianImport / GOAL_MEDIAN_IMPORT_MS).toFixed(2)}× the time`,
    `bundle median import CPU / 100 ms goal: ${(medianCpu / GOAL_MEDIAN_IMPORT_MS).toFixed(2)}× the time`,
    // What the floor costs to import: no median can be quicker than the quickest bundle.
    `bundle quickest import CPU / 100 ms goal: ${(quickest.importCpuMs / GOAL_MEDIAN_IMPORT_MS).toFixed(2)}× the time ` +
      `(${quickest.handler}, ${quickest.importCpuMs.toFixed(1)} ms)`,
    `bundle median import CPU / empty handler: ${(medianCpu / f.baseline.importCpuMs).toFixed(1)}× the time ` +
      `(${f.baseline.importCpuMs.toFixed(1)} ms)`,
  ];
};

/** The inputs of one bundle grouped by package (or by source folder), heaviest first. */
export const inputLines = async (handler: string, top = 25): Promise<string[]> => {
  const root = mkdtempSync(join(tmpdir(), 'vo-bundle-inputs-'));
  try {
    const metafile = await bundle(join(projectRoot, handler), root);
    const { bytes, onFirstUseBytes } = madeOf(metafile);
    const groups = new Map<string, number>();
    for (const [input, bytesInOutput] of coldInputs(metafile)) {
      const key = packageOf(input) ?? input.split('/').slice(0, 2).join('/');
      groups.set(key, (groups.get(key) ?? 0) + bytesInOutput);
    }
    return [
      `${handler}: ${kb(bytes)} at cold start (+${kb(onFirstUseBytes)} imported on first use)`,
      ...[...groups]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([name, bytes]) => `  ${kb(bytes).padStart(9)}  ${name}`),
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  if (args[0] === '--inputs') {
    for (const handler of args.slice(1)) console.log((await inputLines(handler)).join('\n'));
  } else {
    console.log(bundlesLines(await bundlesFigures(args.length ? args : undefined)).join('\n'));
  }
}
