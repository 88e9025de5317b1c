/**
 * Builds the portal's static files from web/ with esbuild: the stylesheet, the one enhancement
 * script (ES module; Leaflet and uPlot in chunks loaded only by pages that draw a map or a chart),
 * the map and chart stylesheets (Leaflet's and uPlot's CSS from their npm packages), the icon.
 * Every file name carries a hash of its content, so it can be cached for a year; manifest.json
 * maps each logical name (portal.css…) to its file, and pages read it (PORTAL_ASSETS_MANIFEST).
 *
 * Used by the local runtime at start (.local/assets), by CDK at synth (the S3 bucket's content),
 * and on the command line: `npx tsx scripts/build-assets.ts [outDir]`.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, buildSync, type BuildOptions, type Metafile } from 'esbuild';
import { projectRoot } from '../infra/project-root';

/** Logical name (without extension) → source, from the project root. */
const ENTRIES = {
  portal: 'web/scripts/portal.ts',
  'portal-style': 'web/styles/portal.css',
  map: 'web/styles/map.css',
  chart: 'web/styles/chart.css',
} as const;

/** What the manifest calls each output: the logical names pages ask for. */
const LOGICAL_NAMES: Readonly<Record<string, string>> = {
  'portal.js': 'portal.js',
  'portal-style.css': 'portal.css',
  'map.css': 'map.css',
  'chart.css': 'chart.css',
};

const FAVICON = 'web/images/favicon.svg';

/** Where the local runtime and the tests serve the assets from. */
export const LOCAL_ASSETS_DIR = join(projectRoot, '.local/assets');

export interface BuiltAssets {
  readonly dir: string;
  /** Logical name → file name relative to `dir`. */
  readonly manifest: Readonly<Record<string, string>>;
}

const options = (outDir: string): BuildOptions => ({
  absWorkingDir: projectRoot,
  entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, path]) => [name, path])),
  outdir: outDir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  // Browsers with ES modules and dynamic import (2020 on); older ones get the pages without script.
  target: ['es2020', 'chrome90', 'firefox90', 'safari15'],
  minify: true,
  metafile: true,
  legalComments: 'linked',
  entryNames: '[name]-[hash]',
  chunkNames: 'chunks/[name]-[hash]',
  assetNames: 'files/[name]-[hash]',
  loader: { '.png': 'file', '.svg': 'file' },
  tsconfig: join(projectRoot, 'web/tsconfig.json'),
  logLevel: 'silent',
});

const manifestOf = (metafile: Metafile, outDir: string): Record<string, string> => {
  const manifest: Record<string, string> = {};
  for (const [output, meta] of Object.entries(metafile.outputs)) {
    if (!meta.entryPoint) continue;
    const name = Object.entries(ENTRIES).find(([, path]) => path === meta.entryPoint)?.[0];
    const extension = output.endsWith('.css') ? 'css' : output.endsWith('.js') ? 'js' : undefined;
    const logical = name && extension ? LOGICAL_NAMES[`${name}.${extension}`] : undefined;
    if (logical) manifest[logical] = relative(outDir, resolve(projectRoot, output)).split('\\').join('/');
  }
  return manifest;
};

const finish = (outDir: string, metafile: Metafile): BuiltAssets => {
  const manifest = manifestOf(metafile, outDir);
  const icon = readFileSync(join(projectRoot, FAVICON));
  const iconName = `favicon-${createHash('sha256').update(icon).digest('hex').slice(0, 8)}.svg`;
  copyFileSync(join(projectRoot, FAVICON), join(outDir, iconName));
  manifest['favicon.svg'] = iconName;
  for (const name of Object.values(LOGICAL_NAMES)) {
    if (!manifest[name]) throw new Error(`The asset build produced no ${name}`);
  }
  // Written last and renamed into place: a reader sees the old manifest or the whole new one.
  const temporary = join(outDir, `.manifest-${process.pid}.json`);
  writeFileSync(temporary, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(temporary, join(outDir, 'manifest.json'));
  return { dir: outDir, manifest };
};

export const buildAssets = async (outDir: string = LOCAL_ASSETS_DIR): Promise<BuiltAssets> => {
  mkdirSync(outDir, { recursive: true });
  const result = await build(options(outDir));
  return finish(outDir, result.metafile!);
};

/** The same, synchronously: CDK constructs cannot wait. */
export const buildAssetsSync = (outDir: string): BuiltAssets => {
  mkdirSync(outDir, { recursive: true });
  const result = buildSync(options(outDir));
  return finish(outDir, result.metafile!);
};

// `npx tsx scripts/build-assets.ts [outDir]`
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const built = await buildAssets(process.argv[2] ? resolve(process.argv[2]) : undefined);
  console.log(`assets built in ${relative(process.cwd(), built.dir) || '.'}:`);
  for (const [name, file] of Object.entries(built.manifest)) console.log(`  ${name.padEnd(12)} ${file}`);
}
