/**
 * Open data over real HTTP, against the runtime `npm start` runs (demo data included): an admin's
 * "run now" (202, then its progress) and the nightly schedule fired by hand; the DCAT-AP 3.0.1
 * catalogue (GET and HEAD as JSON-LD, and Turtle) that conforms to the official shapes; every
 * distribution resolving at its URL with the announced size and SHA-256, every CSV matching the
 * schema.json beside it; no personal data in any published file; identifiers the same across two
 * exports and a restart of the runtime.
 */
import { randomUUID } from 'node:crypto';
import { eventually } from '../support/eventually';
import { baseUrl, fetchJson, getToken } from '../support/http';
import {
  checkCsv,
  jsonLdQuads,
  sha256,
  startAnotherRuntime,
  turtleQuads,
  validateDcatAp,
  type SchemaDocument,
} from '../support/opendata-fixtures';

const SIREN = '243100518';
const T = `/territories/${SIREN}`;
const run = randomUUID().slice(0, 8);

/** Left by a citizen as contact, and by an agent as internal note: none may reach a published file. */
const SECRETS = {
  email: `apolline.verdier-${run}@example.fr`,
  firstName: `Apolline${run}`,
  lastName: `Verdier-Maucourt${run}`,
  phone: '+33 7 61 52 43 98',
  internalNote: `Note interne ${run} : riverain déjà venu trois fois en mairie`,
  proposer: `e2e-proposer-${run}`,
};

interface ExportRun {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed' | 'skipped';
  detail?: string;
  datasets?: { slug: string; records: number; files: { key: string; byteSize: number; sha256: string }[] }[];
}
type GraphNode = { '@id': string; '@type'?: string[] } & Record<string, unknown>;
interface CatalogDocument {
  '@context': Record<string, string>;
  '@graph': GraphNode[];
}

let admin: string;
let agent: string;
let reportId: string;

const waitForExport = async (exportId: string): Promise<ExportRun> =>
  (
    await eventually(
      () => fetchJson<ExportRun>(`${T}/open-data/exports/${exportId}`, { token: admin }),
      (r) => r.status === 200 && ['done', 'failed', 'skipped'].includes(r.body.status),
      60_000,
    )
  ).body;

const catalog = async (query = '') => {
  const response = await fetchJson<CatalogDocument>(`${T}/catalog.jsonld${query}`);
  expect(response.status).toBe(200);
  return response;
};
const ofType = (document: CatalogDocument, type: string) =>
  document['@graph'].filter((n) => n['@type']?.includes(type));
const first = (node: GraphNode, key: string) => (node[key] as Record<string, string>[] | undefined)?.[0];

beforeAll(async () => {
  [admin, agent] = await Promise.all([
    getToken({ role: 'admin', territory: SIREN }),
    getToken({ role: 'agent', territory: SIREN, commune: '31555' }),
  ]);
  // A citizen files a report leaving an e-mail, a name and a phone; an agent writes an internal note on it.
  const filed = await fetchJson<{ id: string; version: number }>(`${T}/reports`, {
    json: {
      category: 'espaces-verts',
      location: { lat: 43.6045, lon: 1.4442 },
      description: `Haie débordante sur le trottoir (${run})`,
      contact: { email: SECRETS.email, firstName: SECRETS.firstName, lastName: SECRETS.lastName, phone: SECRETS.phone },
    },
  });
  expect(filed.status).toBe(201);
  reportId = filed.body.id;
  const moved = await fetchJson(`${T}/reports/${reportId}/transitions`, {
    token: agent,
    json: { to: 'acknowledged', version: filed.body.version, internalNote: SECRETS.internalNote },
  });
  expect(moved.status).toBe(200);

  // A consultation with one proposal, closed and counted: its results are published.
  const consultation = await fetchJson<{ id: string }>(`${T}/consultations`, {
    token: agent,
    json: {
      scope: { level: 'commune', insee: '31555' },
      title: `Idées pour la place (${run})`,
      body: 'Vos idées.',
      schedule: { proposals: new Date().toISOString() },
      eligibility: { residents: 'anyone' },
    },
  });
  expect(consultation.status).toBe(201);
  const base = `${T}/consultations/${consultation.body.id}`;
  const citizen = await getToken({ role: 'citizen', sub: SECRETS.proposer });
  const proposal = await fetchJson(`${base}/proposals`, {
    token: citizen,
    json: { title: `Un marché de producteurs (${run})`, body: 'Le samedi.', displayName: `Prénom Caché ${run}` },
  });
  expect(proposal.status).toBe(201);
  await fetchJson(`${base}/phase`, { token: agent, json: { phase: 'closed', reason: 'Fin' } });
  expect((await fetchJson('/_local/schedules/advanceConsultationPhases/run', { method: 'POST' })).status).toBe(200);
  expect((await fetchJson(`${base}/results`)).status).toBe(200);
});

describe('exports', () => {
  test('an admin asks for one now: 202 with its Location, then done; agents and anonymous callers are refused', async () => {
    expect((await fetchJson(`${T}/open-data/exports`, { method: 'POST', token: agent })).status).toBe(403);
    expect((await fetchJson(`${T}/open-data/exports`, { method: 'POST' })).status).toBe(401);
    const requested = await fetchJson<ExportRun>(`${T}/open-data/exports`, { method: 'POST', token: admin });
    expect(requested.status).toBe(202);
    expect(requested.body.status).toBe('queued');
    expect(requested.headers.get('location')).toBe(`${T}/open-data/exports/${requested.body.id}`);
    const done = await waitForExport(requested.body.id);
    expect(done).toMatchObject({ status: 'done' });
    expect(done.datasets!.find((d) => d.slug === 'reports')!.records).toBeGreaterThan(0);
    expect(done.datasets!.find((d) => d.slug === 'consultation-results')!.records).toBeGreaterThan(0);
    expect(done.datasets!.find((d) => d.slug === 'sensors')!.records).toBeGreaterThan(0);
  });

  test('the nightly schedule, fired by hand, queues one export per territory', async () => {
    const fired = await fetchJson<{ queued: number; exports: { territory: string; exportId: string }[] }>(
      '/_local/schedules/exportOpenData/run',
      { method: 'POST' },
    );
    expect(fired.status).toBe(200);
    expect(fired.body.queued).toBeGreaterThanOrEqual(1);
    const ours = fired.body.exports.find((e) => e.territory === SIREN)!;
    expect((await waitForExport(ours.exportId)).status).toBe('done');
  });
});

describe('the catalogue', () => {
  test('conforms to DCAT-AP 3.0.1 as JSON-LD with its @context inline, and as Turtle', async () => {
    const response = await catalog();
    expect(response.headers.get('content-type')).toBe('application/ld+json');
    expect(typeof response.body['@context']).toBe('object');
    const report = await validateDcatAp(await jsonLdQuads(response.body));
    expect(report.violations).toEqual([]);
    expect(ofType(response.body, 'dcat:Dataset').length).toBe(9);
    expect(ofType(response.body, 'dcat:DataService').length).toBe(3);

    const turtle = await fetch(`${baseUrl()}${T}/catalog.ttl`);
    expect(turtle.headers.get('content-type')).toMatch(/^text\/turtle/);
    expect((await validateDcatAp(turtleQuads(await turtle.text()))).violations).toEqual([]);
  });

  test('answers HEAD with the JSON-LD media type and no body', async () => {
    const head = await fetch(`${baseUrl()}${T}/catalog.jsonld`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('application/ld+json');
    expect(await head.text()).toBe('');
  });

  test('without a dataset’s description, a test copy is the MinCount violation', async () => {
    const copy = structuredClone((await catalog()).body);
    const dataset = ofType(copy, 'dcat:Dataset')[0]!;
    delete dataset['dct:description'];
    const { conforms, violations } = await validateDcatAp(await jsonLdQuads(copy));
    expect(conforms).toBe(false);
    expect(violations).toEqual([
      expect.objectContaining({ focus: dataset['@id'], constraint: 'sh:MinCountConstraintComponent' }),
    ]);
  });

  test('pages with Hydra when asked for small pages, hydra:next leading through complete pages', async () => {
    const seen: string[] = [];
    let next: string | undefined = `${baseUrl()}${T}/catalog.jsonld?pageSize=3`;
    while (next) {
      const document = (await (await fetch(next)).json()) as CatalogDocument;
      expect((await validateDcatAp(await jsonLdQuads(document))).violations).toEqual([]);
      seen.push(...ofType(document, 'dcat:Dataset').map((d) => d['@id']));
      const view = ofType(document, 'hydra:PartialCollectionView')[0]!;
      next = first(view, 'hydra:next')?.['@id'];
    }
    expect(seen).toEqual(ofType((await catalog()).body, 'dcat:Dataset').map((d) => d['@id']));
    expect((await fetchJson(`${T}/catalog.jsonld?page=9&pageSize=3`)).status).toBe(404);
  });

  test('every distribution resolves over HTTP with the announced size, SHA-256 and media type', async () => {
    const distributions = ofType((await catalog()).body, 'dcat:Distribution');
    expect(distributions.length).toBe(13);
    for (const d of distributions) {
      const url = first(d, 'dcat:downloadURL')!['@id']!;
      expect(url).toMatch(new RegExp(`^${baseUrl()}/open-data/${SIREN}/[a-z-]+/latest\\.(csv|geojson|json)$`));
      const response = await fetch(url);
      expect(response.status).toBe(200);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(sha256(bytes)).toBe(
        (first(d, 'spdx:checksum') as unknown as Record<string, { '@value': string }[]>)['spdx:checksumValue']![0]![
          '@value'
        ],
      );
      expect(String(bytes.length)).toBe(first(d, 'dcat:byteSize')!['@value']);
      const mediaType = first(d, 'dcat:mediaType')!['@id']!.replace(
        'https://www.iana.org/assignments/media-types/',
        '',
      );
      expect(response.headers.get('content-type')!.split(';')[0]).toBe(mediaType);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
    }
  });

  test('every CSV parses and matches the schema.json it conforms to', async () => {
    const csvs = ofType((await catalog()).body, 'dcat:Distribution').filter((d) => String(d['@id']).endsWith(':csv'));
    expect(csvs.length).toBe(7);
    for (const d of csvs) {
      const schemaUrl = first(d, 'dct:conformsTo')!['@id']!;
      expect(schemaUrl).toMatch(/\/schema\.json$/);
      const schema = (await (await fetch(schemaUrl)).json()) as SchemaDocument;
      const csv = await (await fetch(first(d, 'dcat:downloadURL')!['@id']!)).text();
      const { problems, records } = checkCsv(csv, schema);
      expect({ csv: d['@id'], problems }).toEqual({ csv: d['@id'], problems: [] });
      if (String(d['@id']).includes(':reports:')) expect(records.map((r) => r.id)).toContain(reportId);
    }
  });

  test('no published file holds the e-mail, names, phone or internal note of a report, nor a proposer', async () => {
    const urls = ofType((await catalog()).body, 'dcat:Distribution').flatMap((d) => [
      first(d, 'dcat:downloadURL')!['@id']!,
      ...(first(d, 'dct:conformsTo') ? [first(d, 'dct:conformsTo')!['@id']!] : []),
    ]);
    // The platform's files (a standard's page, such as OC4IDS's, is not one of them).
    const files = urls.filter((url) => url.startsWith(baseUrl()));
    const everything = (await Promise.all(files.map(async (url) => (await fetch(url)).text()))).join('\n');
    expect(everything).toContain(reportId);
    expect(everything).toContain(`Un marché de producteurs (${run})`);
    for (const secret of [...Object.values(SECRETS), `Prénom Caché ${run}`, '61 52 43 98', 'apolline']) {
      expect(everything).not.toContain(secret);
    }
  });
});

describe('identifiers', () => {
  const identifiers = (document: CatalogDocument) =>
    document['@graph']
      .filter((n) =>
        n['@type']?.some((t) => ['dcat:Catalog', 'dcat:Dataset', 'dcat:Distribution', 'dcat:DataService'].includes(t)),
      )
      .map((n) => [n['@id'], JSON.stringify(n['dct:identifier'] ?? null)])
      .sort();

  test('are the same across two exports and across a restart of the runtime on another port', async () => {
    const before = identifiers((await catalog()).body);
    const requested = await fetchJson<ExportRun>(`${T}/open-data/exports`, { method: 'POST', token: admin });
    expect((await waitForExport(requested.body.id)).status).toBe('done');
    expect(identifiers((await catalog()).body)).toEqual(before);

    const restarted = await startAnotherRuntime();
    try {
      const response = await fetch(`${restarted.url}${T}/catalog.jsonld`);
      expect(response.status).toBe(200);
      const document = (await response.json()) as CatalogDocument;
      expect(identifiers(document)).toEqual(before);
      // Only the links follow the host: the files are named the same.
      const download = first(ofType(document, 'dcat:Distribution')[0]!, 'dcat:downloadURL')!['@id']!;
      expect(download.startsWith(restarted.url)).toBe(true);
    } finally {
      await restarted.stop();
    }
  }, 90_000);
});
