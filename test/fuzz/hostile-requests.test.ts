/**
 * Every declared route, sent hostile requests derived from its own declaration
 * (test/support/fuzz-requests.ts) over HTTP to the test run's local runtime: no answer may be a
 * 5xx, every answer keeps the route's contract, and a refused write stores nothing. Reads go to
 * the demo territory with real ids (so a tampered cursor or a bad query reaches the store); writes
 * go to a territory of their own, so a case that happened to be valid cannot change what other
 * suites read. Seeded and bounded: the same ~1 200 requests on every run.
 */
import { request } from 'node:http';
import { checkAnswer } from '../../shared/wiring/contract';
import { routesByContext } from '../../shared/wiring/index';
import type { RouteDeclaration } from '../../shared/wiring/types';
import { fuzzCases, type FuzzCase, type RouteTarget } from '../support/fuzz-requests';
import { baseUrl, fetchJson, getToken } from '../support/http';

const SEED = 20_261_130;
/** Cases of each applicable kind (path, query, body, raw body, authorization) per route. */
const PER_KIND = 3;
const PARALLEL = 4;
const SIREN = '243100518';
/** Nantes Métropole: no demo data and no other suite writes there. */
const FUZZ_SIREN = '244400404';

const TRANSPORT_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

interface Sent {
  readonly route: RouteDeclaration;
  readonly fuzz: FuzzCase;
  readonly status: number;
  readonly headers: Record<string, string | undefined>;
  readonly body: string;
}

/** Sends exactly these bytes (fetch would normalise the path and refuse some headers). */
const send = (fuzz: FuzzCase): Promise<Omit<Sent, 'route' | 'fuzz'>> =>
  new Promise((resolve, reject) => {
    const url = new URL(baseUrl());
    const req = request(
      {
        host: url.hostname === 'localhost' ? '127.0.0.1' : url.hostname,
        port: url.port,
        method: fuzz.method,
        path: fuzz.url,
        headers: { ...fuzz.headers, ...(fuzz.body ? { 'content-length': String(fuzz.body.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            // Without what Node's HTTP server adds itself: the contract covers what the route answers.
            headers: Object.fromEntries(
              Object.entries(res.headers)
                .filter(([k]) => !TRANSPORT_HEADERS.has(k))
                .map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
            ),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(fuzz.body);
  });

const firstId = async (path: string, token?: string): Promise<string | undefined> => {
  const answer = await fetchJson<{ items?: { id?: string }[] }>(path, token ? { token } : {});
  return answer.status === 200 ? answer.body.items?.[0]?.id : undefined;
};

let readTarget: (route: RouteDeclaration) => RouteTarget;
let writeTarget: RouteTarget;
let fuzzAdmin: string;

beforeAll(async () => {
  const admin = await getToken({ role: 'admin', territory: SIREN, sub: 'fuzz-reader' });
  fuzzAdmin = await getToken({ role: 'admin', territory: FUZZ_SIREN, sub: 'fuzz-admin' });
  const consultationId = await firstId(`/territories/${SIREN}/consultations`);
  const proposalId = consultationId
    ? await firstId(`/territories/${SIREN}/consultations/${consultationId}/proposals`)
    : undefined;
  const reportId = await firstId(`/territories/${SIREN}/reports?commune=31555`);
  const sensorId = await firstId(`/territories/${SIREN}/sensors`);
  const portfolioId = await firstId(`/territories/${SIREN}/portfolio/projects`);
  const cursors: string[] = [];
  for (const path of [
    `/territories/${SIREN}/consultations?limit=1`,
    `/territories/${SIREN}/reports?commune=31555&limit=1`,
    `/territories/${SIREN}/audit?limit=1`,
    `/territories/${SIREN}/portfolio/projects?limit=1`,
    `/territories/${SIREN}/sensors?limit=1`,
  ]) {
    const page = await fetchJson<{ cursor?: string }>(path, { token: admin });
    if (page.status === 200 && page.body.cursor) cursors.push(page.body.cursor);
  }
  const common = { siren: SIREN, insee: '31555', code: 'voirie', bodyId: SIREN, serviceId: 'voirie' };
  readTarget = (route) => ({
    token: admin,
    cursors,
    params: {
      ...common,
      ...(consultationId ? { consultationId } : {}),
      ...(proposalId ? { proposalId } : {}),
      ...(reportId ? { reportId } : {}),
      ...(sensorId ? { sensorId, id: `urn:ngsi-ld:Device:${sensorId}` } : {}),
      ...(portfolioId && route.path.includes('portfolio') ? { projectId: portfolioId } : {}),
      file: route.path.startsWith('/open311') ? 'voirie.json' : 'fuzz-x',
    },
  });
  // Writes: ids that exist nowhere, in a territory of their own, with its communes (so a write
  // that passes the edge reaches the use cases and the store).
  const imported = await fetchJson(`/territories/${FUZZ_SIREN}/import`, { method: 'POST', token: fuzzAdmin });
  expect(imported.status).toBeLessThan(300);
  writeTarget = { token: fuzzAdmin, cursors, params: { siren: FUZZ_SIREN, insee: '44109', bodyId: FUZZ_SIREN } };
}, 30_000);

/** Runs `work` over `items`, PARALLEL at a time. */
const inParallel = async <T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> => {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!);
      }
    }),
  );
  return results;
};

const accepted: Sent[] = [];

const fuzzContext = async (context: string) => {
  const routes = Object.values(routesByContext[context]!);
  const cases = routes.flatMap((route, i) => {
    const write = route.method !== 'GET' && route.method !== 'HEAD';
    return fuzzCases(route, write ? writeTarget : readTarget(route), SEED + i * 97, PER_KIND).map((fuzz) => ({
      route,
      fuzz,
    }));
  });
  const sent = await inParallel(cases, async ({ route, fuzz }) => ({ route, fuzz, ...(await send(fuzz)) }));
  accepted.push(...sent.filter((s) => s.status < 300 && s.fuzz.method !== 'GET' && s.fuzz.method !== 'HEAD'));
  // `FUZZ_SUMMARY=1 npm test -- test/fuzz` shows what the cases met (how many reached each status).
  if (process.env.FUZZ_SUMMARY) {
    const statuses: Record<string, number> = {};
    for (const s of sent) statuses[`${s.fuzz.kind} ${s.status}`] = (statuses[`${s.fuzz.kind} ${s.status}`] ?? 0) + 1;
    console.log(context, sent.length, statuses);
  }
  const describe = (s: Sent) => `${s.route.id} ${s.fuzz.method} ${s.fuzz.what} → ${s.status} ${s.body.slice(0, 200)}`;
  const serverErrors = sent.filter((s) => s.status >= 500).map(describe);
  // A changed path may reach another route (or none): the contract is checked where it stayed the
  // route's (a HEAD answer has no body to check).
  const broken = sent
    .filter((s) => s.status < 500 && s.fuzz.kind !== 'path' && s.fuzz.method !== 'HEAD')
    .flatMap((s) => checkAnswer(s.route, s).map((issue) => `${describe(s)}: ${issue}`));
  expect({ requests: sent.length, serverErrors, broken }).toEqual({
    requests: cases.length,
    serverErrors: [],
    broken: [],
  });
};

describe('hostile requests never get a 5xx and keep the contract', () => {
  for (const context of Object.keys(routesByContext)) {
    it(`${context} routes`, () => fuzzContext(context), 120_000);
  }

  // After the routes above: what they sent the fuzz territory.
  it('stores nothing for a refused write', async () => {
    // A list of the fuzz territory holds nothing unless a write under it was accepted (a hostile
    // value a schema rightly lets through, e.g. an empty profile); the audit log no more entries than
    // writes accepted.
    const acceptedUnder = (path: string) => accepted.some((s) => s.fuzz.url.split('?')[0]!.startsWith(path));
    for (const path of [
      `/territories/${FUZZ_SIREN}/consultations`,
      `/territories/${FUZZ_SIREN}/portfolio/projects`,
      `/territories/${FUZZ_SIREN}/sensors`,
      `/territories/${FUZZ_SIREN}/categories`,
      `/territories/${FUZZ_SIREN}/sensor-partners`,
      `/territories/${FUZZ_SIREN}/sensor-alert-rules`,
    ]) {
      const answer = await fetchJson<{ items?: unknown[] } | unknown[]>(path, { token: fuzzAdmin });
      expect([200, 404]).toContain(answer.status);
      const body = answer.body;
      const items = answer.status !== 200 ? 0 : Array.isArray(body) ? body.length : (body.items ?? []).length;
      expect({ path, items }).toEqual({ path, items: acceptedUnder(path) ? items : 0 });
    }
    const audit = await fetchJson<{ items?: { action: string }[] }>(`/territories/${FUZZ_SIREN}/audit?limit=100`, {
      token: fuzzAdmin,
    });
    expect([200, 404]).toContain(audit.status);
    // The setup's own import is audited too (its entry may land before or after this read).
    const entries = (audit.status === 200 ? (audit.body.items ?? []) : []).filter(
      (entry) => entry.action !== 'territory.communes-imported',
    );
    expect(entries.length).toBeLessThanOrEqual(accepted.length);
  });
});
