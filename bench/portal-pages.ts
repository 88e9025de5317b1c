/**
 * The portal's pages (bench/run.ts, in a process of its own: the local runtime sets the
 * configuration the platform's modules read when imported). Prints one JSON line.
 *
 * - Server time: the home page and a report's page against the JSON call each wraps (the commune's
 *   recent public reports; the report's public view), every handler invoked directly in this
 *   process with the API Gateway event the local gateway would build (no HTTP, no throttle), so
 *   the ratio is what a page adds: the session, the other reads, the rendering.
 * - Bytes per page: every kind of page (each page route), reached by following the portal's own
 *   links from the home page as a signed-in citizen, the heaviest page seen of each kind: its HTML,
 *   the stylesheets it links and the scripts it loads — portal.js, the chunks it imports, and the
 *   chunk each behaviour of the page loads (Leaflet on a page with a map, uPlot with a chart) —
 *   read from the built assets. Map tiles are not counted (none by default). The bars of the
 *   issue: 60 KB without a map, 250 KB with one. Gzipped sizes are given too (CloudFront
 *   compresses), but the bars hold on the raw bytes.
 *
 * Alone: `npx tsx bench/portal-pages.ts` (its own DynamoDB Local and demo data).
 */
import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { projectRoot } from '../infra/project-root';
import { LOCAL_ASSETS_DIR } from '../scripts/build-assets';
import { localGets, ROUNDS, time, withBenchPlatform, type TimeFigures } from './local-platform';

export type { TimeFigures };
// The platform's modules are imported once the local runtime has set their configuration (below);
// bench/run.ts imports this file for portalPagesLines only.

/** Pages visited by the crawl at most, and pages of one kind. */
const MAX_PAGES = 200;
const PER_KIND = 4;
export const BAR_WITHOUT_MAP = 60 * 1024;
export const BAR_WITH_MAP = 250 * 1024;

export interface PageBytes {
  /** The page route's id. */
  readonly kind: string;
  readonly path: string;
  readonly hasMap: boolean;
  readonly html: number;
  readonly css: number;
  readonly js: number;
  readonly total: number;
  readonly gzipped: number;
  readonly bar: number;
}

export interface PortalPagesFigures {
  readonly rounds: number;
  readonly home: { readonly page: TimeFigures; readonly json: TimeFigures; readonly jsonPath: string };
  readonly report: { readonly page: TimeFigures; readonly json: TimeFigures; readonly jsonPath: string };
  readonly pages: readonly PageBytes[];
  /** Page routes the crawl never reached (no link to them from the pages visited). */
  readonly unreached: readonly string[];
}

interface Answer {
  readonly status: number;
  readonly html: string;
}

type Invoke = (pathAndQuery: string, cookie?: string) => Promise<Answer>;

/** Requests through the routes' Lambda handlers, as the local gateway makes them (after the runtime started). */
const handlers = async () => {
  const { get, routes, routeOf } = await localGets();
  const invoke: Invoke = async (pathAndQuery, cookie) => {
    const answer = await get(pathAndQuery, ['accept', 'text/html', ...(cookie ? ['cookie', cookie] : [])]);
    return { status: answer.statusCode, html: answer.body.toString('utf8') };
  };
  /** The page route a path is of (its id); undefined for the API's routes (a JSON download a page links to). */
  const pageKindOf = (path: string) => {
    const route = routeOf(path.split('?')[0]!);
    return route?.tag === 'Portal' ? route.id : undefined;
  };
  const pageKinds = routes.filter((route) => route.tag === 'Portal').map((route) => route.id);
  return { invoke, pageKindOf, pageKinds };
};

/** Which script chunk each behaviour loads, from portal.ts itself: `querySelector('[data-x]')) … import('./name')`. */
const behaviours = async (): Promise<
  readonly { readonly attributes: readonly string[]; readonly module: string }[]
> => {
  const source = await readFile(join(projectRoot, 'web/scripts/portal.ts'), 'utf8');
  return [...source.matchAll(/querySelector\('([^']+)'\)\)\s*\{?\s*void import\('\.\/([\w-]+)'\)/g)].map((m) => ({
    attributes: [...m[1]!.matchAll(/\[(data-[\w-]+)\]/g)].map((a) => a[1]!),
    module: m[2]!,
  }));
};

/** A built script and every file it imports statically, relative to the assets folder. */
const withStaticImports = async (file: string, seen: Set<string>): Promise<void> => {
  if (seen.has(file)) return;
  seen.add(file);
  const code = await readFile(join(LOCAL_ASSETS_DIR, file), 'utf8');
  for (const m of code.matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+\.js)"/g)) {
    await withStaticImports(posix.normalize(posix.join(posix.dirname(file), m[1]!)), seen);
  }
};

/** The chunk a dynamic import('./module') of portal.js loads. */
const dynamicChunk = async (portalJs: string, module: string): Promise<string | undefined> => {
  const code = await readFile(join(LOCAL_ASSETS_DIR, portalJs), 'utf8');
  const found = [...code.matchAll(/import\("(\.\/chunks\/([\w-]+)-[A-Z0-9]+\.js)"\)/g)].find((m) => m[2] === module);
  return found ? posix.normalize(posix.join(posix.dirname(portalJs), found[1]!)) : undefined;
};

const sizeOf = async (files: Iterable<string>) => {
  let raw = 0;
  let gzipped = 0;
  for (const file of files) {
    const content = await readFile(join(LOCAL_ASSETS_DIR, file));
    raw += content.length;
    gzipped += gzipSync(content).length;
  }
  return { raw, gzipped };
};

const bytesOf = async (
  kind: string,
  path: string,
  html: string,
  loads: Awaited<ReturnType<typeof behaviours>>,
): Promise<PageBytes> => {
  const asset = (href: string) => href.replace(/^\/assets\//, '');
  const stylesheets = [...html.matchAll(/<link rel="stylesheet" href="(\/assets\/[^"]+)"/g)].map((m) => asset(m[1]!));
  const scripts = new Set<string>();
  for (const m of html.matchAll(/<script type="module" src="(\/assets\/[^"]+)"/g)) {
    const entry = asset(m[1]!);
    await withStaticImports(entry, scripts);
    for (const load of loads) {
      if (!load.attributes.some((attribute) => new RegExp(`\\s${attribute}(=|\\s|>)`).test(html))) continue;
      const chunk = await dynamicChunk(entry, load.module);
      if (chunk) await withStaticImports(chunk, scripts);
    }
  }
  const css = await sizeOf(stylesheets);
  const js = await sizeOf(scripts);
  const htmlBytes = Buffer.byteLength(html);
  const hasMap = /\sdata-map=/.test(html);
  return {
    kind,
    path,
    hasMap,
    html: htmlBytes,
    css: css.raw,
    js: js.raw,
    total: htmlBytes + css.raw + js.raw,
    gzipped: gzipSync(html).length + css.gzipped + js.gzipped,
    bar: hasMap ? BAR_WITH_MAP : BAR_WITHOUT_MAP,
  };
};

/**
 * Every kind of page: the portal's links followed from the home page (a signed-in citizen sees
 * the most), plus the pages no link leads to — the report form's step 2 (a GET form), a
 * confirmation, a consultation's results, a path nothing declares (the 404 page), sign-in; the
 * heaviest page of each kind.
 */
const crawl = async (
  { invoke, pageKindOf: kindOf, pageKinds }: Awaited<ReturnType<typeof handlers>>,
  cookie: string,
  starts: readonly string[],
) => {
  const loads = await behaviours();
  const heaviest = new Map<string, PageBytes>();
  const visits = new Map<string, number>();
  const queue = [...starts];
  const seen = new Set(queue);
  const enqueue = (link: string) => {
    if (seen.has(link)) return;
    seen.add(link);
    queue.push(link);
  };
  let visited = 0;
  while (queue.length > 0 && visited < MAX_PAGES) {
    const path = queue.shift()!;
    const kind = kindOf(path);
    if (!kind || (visits.get(kind) ?? 0) >= PER_KIND) continue;
    visits.set(kind, (visits.get(kind) ?? 0) + 1);
    visited++;
    const answer = await invoke(path, cookie);
    // A page of its kind: 200, or the 404 page itself (an error page is measured as that one).
    if (answer.status !== 200 && kind !== 'getNotFoundPage') continue;
    const bytes = await bytesOf(kind, path, answer.html, loads);
    if (bytes.total > (heaviest.get(kind)?.total ?? -1)) heaviest.set(kind, bytes);
    for (const m of answer.html.matchAll(/href="(\/[^"#]*)/g)) {
      const link = m[1]!.replace(/&amp;/g, '&');
      // Not the files, nor the sign-in round trip (it leaves for the identity provider).
      if (link.startsWith('/assets/') || link.startsWith('/connexion')) continue;
      enqueue(link);
      // A consultation's results are linked once published: asked for, measured if there.
      if (/^\/consultations\/[0-9A-Z]{26}$/.test(link)) enqueue(`${link}/resultats`);
    }
  }
  const unreached = pageKinds.filter((id) => !heaviest.has(id));
  return { pages: [...heaviest.values()].sort((a, b) => a.kind.localeCompare(b.kind)), unreached };
};

export const portalPagesFigures = (): Promise<PortalPagesFigures> =>
  withBenchPlatform('portal', async () => {
    const run = await handlers();
    const { invoke } = run;
    const { DEMO_SIREN } = await import('../infra/local/demo/seed');
    const { sessions } = await import('../shared/portal/portal-app');
    const { newSession } = await import('../shared/portal/session');
    const { sessionCookieName } = await import('../shared/portal/cookies');
    const citizen = { sub: 'bench-citizen', role: 'citizen', territory: DEMO_SIREN, issuer: 'bench' } as const;
    const sealed = await (await sessions()).sealSession(newSession(citizen));
    const cookie = `${sessionCookieName({ secure: false })}=${sealed}`;

    // The home page shows the most populous commune's latest reports: the JSON call it wraps.
    const home = await invoke('/');
    const commune = /href="\/communes\/(\d{5}|2[AB]\d{3})\/signalements"/.exec(home.html)?.[1];
    const reportId = /href="\/signalements\/([0-9A-Z]{26})"/.exec(home.html)?.[1];
    if (home.status !== 200 || !commune || !reportId) throw new Error(`The home page shows no report (${home.status})`);
    const homeJson = `/territories/${DEMO_SIREN}/reports?commune=${commune}&limit=5`;
    const reportJson = `/territories/${DEMO_SIREN}/reports/${reportId}`;
    for (const path of [homeJson, reportJson, `/signalements/${reportId}`]) {
      const answer = await invoke(path);
      if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}`);
    }

    const homeJsonTime = await time(() => invoke(homeJson));
    const homePageTime = await time(() => invoke('/'));
    const reportJsonTime = await time(() => invoke(reportJson));
    const reportPageTime = await time(() => invoke(`/signalements/${reportId}`));
    const { pages, unreached } = await crawl(run, cookie, [
      '/',
      '/signaler?categorie=voirie',
      `/signaler/merci/${reportId}`,
      '/connexion',
      '/nulle/part',
    ]);
    return {
      rounds: ROUNDS,
      home: { page: homePageTime, json: homeJsonTime, jsonPath: homeJson },
      report: { page: reportPageTime, json: reportJsonTime, jsonPath: reportJson },
      pages,
      unreached,
    };
  });

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The figures as bench/run.ts prints them. */
export const portalPagesLines = (f: PortalPagesFigures): string[] => {
  const ratio = (page: TimeFigures, json: TimeFigures) => `${(page.medianMs / json.medianMs).toFixed(2)}×`;
  const timing = (name: string, t: TimeFigures) =>
    `${name.padEnd(52)} median ${t.medianMs.toFixed(2)} ms   p95 ${t.p95Ms.toFixed(2)} ms`;
  const lines = [
    `portal: server time, handlers invoked in one process (${f.rounds} rounds each)\n`,
    timing(`baseline: GET ${f.home.jsonPath.replace(/^\/territories\/\d+/, '…')}`, f.home.json),
    timing('home page (GET /)', f.home.page),
    timing(
      `baseline: GET ${f.report.jsonPath.replace(/^\/territories\/\d+/, '…').replace(/[0-9A-Z]{26}$/, '{id}')}`,
      f.report.json,
    ),
    timing("a report's page (GET /signalements/{id})", f.report.page),
    `\nhome page / JSON list: ${ratio(f.home.page, f.home.json)} the median latency; report page / JSON report: ${ratio(f.report.page, f.report.json)}`,
    `\nportal: bytes per page (HTML + CSS + JS it loads, no tiles), the heaviest page of each kind; bars ${kb(BAR_WITHOUT_MAP)} without a map, ${kb(BAR_WITH_MAP)} with one\n`,
    `${'page'.padEnd(30)} ${'map'.padEnd(4)} ${'HTML'.padStart(9)} ${'CSS'.padStart(9)} ${'JS'.padStart(9)} ${'total'.padStart(9)} ${'bar'.padStart(9)}  ${'gzip'.padStart(9)}`,
  ];
  for (const p of f.pages) {
    lines.push(
      `${p.kind.padEnd(30)} ${(p.hasMap ? 'yes' : '').padEnd(4)} ${kb(p.html).padStart(9)} ${kb(p.css).padStart(9)} ${kb(p.js).padStart(9)} ` +
        `${kb(p.total).padStart(9)} ${kb(p.bar).padStart(9)}${p.total > p.bar ? ' OVER' : '     '}${kb(p.gzipped).padStart(9)}   ${p.path}`,
    );
  }
  const over = f.pages.filter((p) => p.total > p.bar);
  lines.push(
    over.length === 0
      ? `\nevery page within its bar (${f.pages.length} kinds)`
      : `\n${over.length} page kind(s) over their bar: ${over.map((p) => p.kind).join(', ')}`,
  );
  if (f.unreached.length > 0) lines.push(`not reached by the portal's links (not measured): ${f.unreached.join(', ')}`);
  return lines;
};

// In a process of its own (bench/run.ts): one JSON line. Alone: the lines too.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await portalPagesFigures();
  if (!process.env.BENCH_TABLE_NAME) console.log(portalPagesLines(figures).join('\n'));
  console.log(JSON.stringify(figures));
  process.exit(0);
}
