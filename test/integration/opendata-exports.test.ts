/**
 * Exports against DynamoDB Local: every dataset written under its dated and stable names with its
 * size and SHA-256, CSVs that match their Table Schema, no personal data in any file, identifiers
 * that stay the same across exports and a restart, one export at a time per territory, a
 * redelivered message that does nothing, and the admin's and the schedule's requests queued.
 */
import type { Report } from '../../shared/reports/report';
import { DATASETS, ids, latestKey, schemaKey } from '../../shared/opendata/opendata';
import {
  checkCsv,
  jsonLdQuads,
  sha256,
  setUpOpenData,
  validateDcatAp,
  type OpenDataFixture,
} from '../support/opendata-fixtures';
import {
  admin,
  agentOf,
  CAPITOLE,
  COLOMIERS,
  COLOMIERS_CENTRE,
  pothole,
  settableClock,
  SIREN,
  TOULOUSE,
} from '../support/reports-fixtures';

let fixture: OpenDataFixture;

/** What the citizen of the test left as contact, and what the agent wrote inside: none may be published. */
const SECRETS = {
  email: 'margot.lefebvre.7321@example.fr',
  firstName: 'Margot',
  lastName: 'Lefebvre-Quintal',
  phone: '+33 6 71 82 93 04',
  internalNote: 'Voisin signalé comme procédurier, ne pas rappeler avant lundi',
  agentSub: 'agent-sub-4242',
};

let filed: Report[] = [];

beforeAll(async () => {
  fixture = await setUpOpenData('opendata-exports', { start: '2026-11-02T08:00:00Z' });
  const { reports } = fixture;
  const contact = {
    email: SECRETS.email,
    firstName: SECRETS.firstName,
    lastName: SECRETS.lastName,
    phone: SECRETS.phone,
  };
  const first = await reports.fileReport(undefined, SIREN, pothole(CAPITOLE, { contact }));
  const second = await reports.fileReportOnBehalf(agentOf(COLOMIERS, SECRETS.agentSub), SIREN, {
    ...pothole(COLOMIERS_CENTRE, { contact }),
    category: 'espaces-verts',
    answers: {},
    channel: 'phone',
    description: 'Branche tombée, "dangereuse",\r\nsur le trottoir; à voir',
  });
  const moved = await reports.changeStatus(agentOf(COLOMIERS, SECRETS.agentSub), SIREN, second.id, {
    to: 'acknowledged',
    version: second.version,
    publicNote: 'Équipe prévenue',
    internalNote: SECRETS.internalNote,
  });
  filed = [first, moved];
});

const text = (key: string) => fixture.bucket.files.get(key)!.bytes.toString('utf8');
const schemaOf = (slug: string) => JSON.parse(text(schemaKey(SIREN, slug)));

describe('an export', () => {
  let run: Awaited<ReturnType<OpenDataFixture['exports']['runExport']>>;

  beforeAll(async () => {
    const queued = await fixture.exports.requestExport(admin, SIREN);
    fixture.clock.set('2026-11-02T09:00:00Z');
    run = await fixture.exports.runExport({ territory: SIREN, exportId: queued.id });
  });

  it('publishes every dataset under its stable name and its dated copy, each file with its size and SHA-256', async () => {
    expect(run).toMatchObject({ status: 'done', trigger: 'admin', startedAt: '2026-11-02T09:00:00.000Z' });
    expect(run.datasets!.map((d) => d.slug)).toEqual(DATASETS.map((d) => d.slug));
    const records = await fixture.store.listDatasets(SIREN);
    expect(records).toHaveLength(DATASETS.length);
    for (const record of records) {
      for (const d of record.distributions) {
        const latest = fixture.bucket.files.get(d.key)!;
        const dated = fixture.bucket.files.get(d.datedKey)!;
        expect(d.key).toBe(latestKey(SIREN, record.slug, d.format));
        expect(d.datedKey).toBe(`open-data/${SIREN}/${record.slug}/2026-11-02.${d.key.split('.').pop()}`);
        expect(latest.bytes.equals(dated.bytes)).toBe(true);
        expect({ byteSize: latest.bytes.length, sha256: sha256(latest.bytes) }).toEqual({
          byteSize: d.byteSize,
          sha256: d.sha256,
        });
        expect(latest.cacheControl).toBe('public, max-age=300');
      }
    }
    expect(fixture.bucket.files.get(latestKey(SIREN, 'reports', 'csv'))!.contentType).toBe('text/csv; charset=utf-8');
    expect(fixture.bucket.files.get(latestKey(SIREN, 'reports', 'geojson'))!.contentType).toBe('application/geo+json');
  });

  it('writes CSVs that parse as RFC 4180 and match the schema.json beside them', () => {
    for (const dataset of DATASETS.filter((d) => d.formats.includes('csv' as never))) {
      const { problems } = checkCsv(text(latestKey(SIREN, dataset.slug, 'csv')), schemaOf(dataset.slug));
      expect({ dataset: dataset.slug, problems }).toEqual({ dataset: dataset.slug, problems: [] });
    }
  });

  it('writes one row and one feature per report, public fields only', () => {
    const { records } = checkCsv(text(latestKey(SIREN, 'reports', 'csv')), schemaOf('reports'));
    expect(records.map((r) => r.id).sort()).toEqual(filed.map((r) => r.id).sort());
    const colomiers = records.find((r) => r.commune_insee === COLOMIERS)!;
    expect(colomiers).toEqual({
      id: filed[1]!.id,
      category: 'espaces-verts',
      commune_insee: COLOMIERS,
      commune_name: 'Colomiers',
      status: 'acknowledged',
      overdue: 'false',
      filed_at: '2026-11-02T08:00:00.000Z',
      acknowledged_at: '2026-11-02T08:00:00.000Z',
      resolved_at: '',
      latitude: String(COLOMIERS_CENTRE.lat),
      longitude: String(COLOMIERS_CENTRE.lon),
      description: 'Branche tombée, "dangereuse",\r\nsur le trottoir; à voir',
    });
    expect(records.find((r) => r.commune_insee === TOULOUSE)).toMatchObject({
      commune_name: 'Toulouse',
      status: 'new',
    });
    const geojson = JSON.parse(text(latestKey(SIREN, 'reports', 'geojson')));
    expect(geojson.type).toBe('FeatureCollection');
    expect(geojson.features.map((f: { id: string }) => f.id).sort()).toEqual(filed.map((r) => r.id).sort());
    expect(run.datasets!.find((d) => d.slug === 'reports')!.records).toBe(2);
  });

  it('writes the communes with their boundaries, and the competence table', () => {
    const communes = JSON.parse(text(latestKey(SIREN, 'communes', 'geojson')));
    expect(communes.features).toHaveLength(37);
    expect(communes.features.find((f: { id: string }) => f.id === TOULOUSE)).toMatchObject({
      geometry: { type: expect.stringMatching(/Polygon/) },
      properties: { insee: TOULOUSE, name: 'Toulouse', boundary_source: 'test: approximate' },
    });
    const { records } = checkCsv(text(latestKey(SIREN, 'competences', 'csv')), schemaOf('competences'));
    expect(records.find((r) => r.category === 'proprete' && r.commune_insee === COLOMIERS)).toMatchObject({
      level: 'commune',
      body_id: COLOMIERS,
      overridden: 'true',
    });
    expect(records.find((r) => r.category === 'proprete' && r.commune_insee === TOULOUSE)).toMatchObject({
      level: 'territory',
      body_id: SIREN,
      overridden: 'false',
    });
  });

  it('writes the SLA statistics per commune, all categories and each category', () => {
    const { records } = checkCsv(text(latestKey(SIREN, 'sla-statistics', 'csv')), schemaOf('sla-statistics'));
    expect(records.filter((r) => r.category === '')).toHaveLength(37);
    expect(records.find((r) => r.commune_insee === COLOMIERS && r.category === '')).toMatchObject({ filed: '1' });
    expect(records.find((r) => r.commune_insee === COLOMIERS && r.category === 'espaces-verts')).toMatchObject({
      filed: '1',
      acknowledged: '1',
    });
  });

  it('publishes none of the personal data a report holds: e-mail, names, phone, internal note, agent', () => {
    const everything = [...fixture.bucket.files.values()].map((f) => f.bytes.toString('utf8')).join('\n');
    for (const secret of Object.values(SECRETS)) expect(everything).not.toContain(secret);
    expect(everything).not.toContain(SECRETS.email.split('@')[0]);
    expect(everything).not.toContain('71 82 93');
  });

  it('describes what it published in a catalogue that conforms to DCAT-AP 3.0.1, checksums matching the files', async () => {
    const document = await fixture.catalog.jsonLd(SIREN, {
      page: 1,
      pageSize: 50,
      apiBaseUrl: 'https://api.example',
      pageUrl: (n) => `https://api.example/territories/${SIREN}/catalog.jsonld?page=${n}`,
    });
    expect((await validateDcatAp(await jsonLdQuads(document))).violations).toEqual([]);
    const distributions = document['@graph'].filter((n) => n['@type']?.includes('dcat:Distribution'));
    expect(distributions.length).toBe(DATASETS.reduce((n, d) => n + d.formats.length, 0));
    for (const d of distributions) {
      const url = (d['dcat:downloadURL'] as { '@id': string }[])[0]!['@id'];
      const file = fixture.bucket.files.get(url.replace('https://open-data.example/', ''))!;
      const checksum = (d['spdx:checksum'] as { 'spdx:checksumValue': { '@value': string }[] }[])[0]!;
      expect(checksum['spdx:checksumValue'][0]!['@value']).toBe(sha256(file.bytes));
      expect((d['dcat:byteSize'] as { '@value': string }[])[0]!['@value']).toBe(String(file.bytes.length));
    }
  });
});

describe('identifiers', () => {
  const identifiersOf = async (catalog: OpenDataFixture['catalog'], apiBaseUrl: string) => {
    const document = await catalog.jsonLd(SIREN, {
      page: 1,
      pageSize: 50,
      apiBaseUrl,
      pageUrl: (n) => `${apiBaseUrl}?page=${n}`,
    });
    return document['@graph']
      .filter((n) => n['@type']?.some((t) => ['dcat:Dataset', 'dcat:Distribution', 'dcat:Catalog'].includes(t)))
      .map((n) => ({ id: n['@id'], identifier: n['dct:identifier'] ?? null }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  };

  it('are the same across two exports and across a restart on another host', async () => {
    const before = await identifiersOf(fixture.catalog, 'https://api.example');
    expect(before.find((n) => n.id === ids.dataset(SIREN, 'reports'))).toEqual({
      id: 'urn:ville-ouverte:territory:243100518:dataset:reports',
      identifier: ['urn:ville-ouverte:territory:243100518:dataset:reports'],
    });
    const issued = (await fixture.store.listDatasets(SIREN)).find((d) => d.slug === 'reports')!.issued;

    fixture.clock.set('2026-11-03T02:00:00Z');
    const { exports } = await fixture.exports.scheduleExports();
    await fixture.exports.runExport(exports.find((e) => e.territory === SIREN)!);
    expect(await identifiersOf(fixture.catalog, 'https://api.example')).toEqual(before);

    // A restart: new use cases (a cold start), another clock, files and API served elsewhere.
    const later = settableClock('2026-11-04T02:00:00Z');
    const restarted = fixture.catalogFor(later, 'http://localhost:4321');
    expect(await identifiersOf(restarted, 'http://localhost:4321')).toEqual(before);
    const reports = (await fixture.store.listDatasets(SIREN)).find((d) => d.slug === 'reports')!;
    expect(reports.issued).toBe(issued);
    expect(reports.modified > issued).toBe(true);
  });
});

describe('running exports', () => {
  it('queues the admin’s request and the schedule’s, one export per territory', async () => {
    fixture.queued.length = 0;
    const run = await fixture.exports.requestExport(admin, SIREN);
    expect(run).toMatchObject({ status: 'queued', trigger: 'admin', territory: SIREN });
    expect(fixture.queued).toEqual([{ territory: SIREN, exportId: run.id }]);
    expect(await fixture.exports.getExport(admin, SIREN, run.id)).toEqual(run);
    await expect(fixture.exports.requestExport(agentOf(TOULOUSE), SIREN)).rejects.toBeInstanceOf(
      fixture.errors.ForbiddenError,
    );
    const scheduled = await fixture.exports.scheduleExports();
    expect(scheduled.queued).toBeGreaterThanOrEqual(1);
    expect(scheduled.exports.map((e) => e.territory)).toContain(SIREN);
  });

  it('skips an export while another holds the territory, and does nothing for a redelivered message', async () => {
    const holder = await fixture.exports.requestExport(admin, SIREN);
    const now = fixture.clock.now();
    expect(await fixture.store.acquireLease(SIREN, holder.id, now, new Date(now.getTime() + 60_000))).toBe(true);
    const other = await fixture.exports.requestExport(admin, SIREN);
    expect(await fixture.exports.runExport({ territory: SIREN, exportId: other.id })).toMatchObject({
      status: 'skipped',
    });
    await fixture.store.releaseLease(SIREN, holder.id);

    const done = await fixture.exports.runExport({ territory: SIREN, exportId: holder.id });
    expect(done.status).toBe('done');
    const before = new Map([...fixture.bucket.files].map(([k, f]) => [k, f.bytes]));
    fixture.clock.set(now.getTime() + 3_600_000);
    expect(await fixture.exports.runExport({ territory: SIREN, exportId: holder.id })).toEqual(done);
    expect(new Map([...fixture.bucket.files].map(([k, f]) => [k, f.bytes]))).toEqual(before);
  });
});
