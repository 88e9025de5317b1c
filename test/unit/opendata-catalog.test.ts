/**
 * The DCAT-AP 3.0.1 catalogue, built from records: it conforms to the official SHACL shapes (read
 * as JSON-LD and as Turtle), a removed description is the MinCount violation, and every rule of
 * data.gouv.fr's DCAT harvester holds.
 */
import { catalogGraph, ETALAB_LICENCE, type CatalogInput } from '../../shared/opendata/dcat';
import { DATASETS, ids, type DatasetRecord, type FormatName } from '../../shared/opendata/opendata';
import { expand, toJsonLd, toTurtle, type JsonLdDocument } from '../../shared/opendata/rdf';
import { jsonLdQuads, turtleQuads, validateDcatAp } from '../support/opendata-fixtures';

const SIREN = '243100518';
const NOW = new Date('2026-11-30T02:10:00.000Z');

const record = (slug: string, modified = '2026-11-30T02:05:00.000Z'): DatasetRecord => {
  const definition = DATASETS.find((d) => d.slug === slug)!;
  return {
    territory: SIREN,
    slug,
    issued: '2026-10-01T02:00:00.000Z',
    modified,
    records: 3,
    distributions: (definition.formats as readonly FormatName[]).map((format) => ({
      format,
      key: `open-data/${SIREN}/${slug}/latest.${format}`,
      datedKey: `open-data/${SIREN}/${slug}/2026-11-30.${format}`,
      byteSize: 1234,
      sha256: 'ab'.repeat(32),
      modified,
    })),
    ...('schema' in definition ? { schemaKey: `open-data/${SIREN}/${slug}/schema.json` } : {}),
  };
};

const input = (overrides: Partial<CatalogInput> = {}): CatalogInput => ({
  territory: { siren: SIREN, name: 'Toulouse Métropole' },
  bbox: [1.2, 43.5, 1.6, 43.75],
  datasets: DATASETS.map((d) => record(d.slug)),
  page: {
    number: 1,
    size: 50,
    totalItems: DATASETS.length,
    totalPages: 1,
    url: (n) => `https://api.example/c?page=${n}`,
  },
  filesBaseUrl: 'https://files.example',
  apiBaseUrl: 'https://api.example',
  now: NOW,
  ...overrides,
});

const jsonLdOf = (i: CatalogInput) => toJsonLd(catalogGraph(i));
const nodesOfType = (doc: JsonLdDocument, type: string) => doc['@graph'].filter((n) => n['@type']?.includes(type));
const values = (node: Record<string, unknown>, key: string) => (node[key] ?? []) as Record<string, unknown>[];
const nodeById = (doc: JsonLdDocument, id: string) => doc['@graph'].find((n) => n['@id'] === id)!;

describe('the DCAT-AP 3.0.1 catalogue', () => {
  it('conforms to the official shapes, read as JSON-LD (no remote context) and as Turtle', async () => {
    const nodes = catalogGraph(input());
    const fromJsonLd = await validateDcatAp(await jsonLdQuads(toJsonLd(nodes)));
    expect(fromJsonLd.violations).toEqual([]);
    expect(fromJsonLd.conforms).toBe(true);
    const turtle = await toTurtle(nodes);
    const fromTurtle = await validateDcatAp(turtleQuads(turtle));
    expect(fromTurtle.violations).toEqual([]);
    // The same graph either way.
    expect(turtleQuads(turtle).length).toBe((await jsonLdQuads(toJsonLd(nodes))).length);
  });

  it('without a dataset description, is the MinCount violation on dct:description of that dataset', async () => {
    const document = jsonLdOf(input());
    const reports = ids.dataset(SIREN, 'reports');
    const copy = structuredClone(document) as unknown as { '@graph': Record<string, unknown>[] };
    delete copy['@graph'].find((n) => n['@id'] === reports)!['dct:description'];
    const { conforms, violations } = await validateDcatAp(await jsonLdQuads(copy));
    expect(conforms).toBe(false);
    expect(violations).toEqual([
      expect.objectContaining({
        focus: reports,
        path: expand('dct:description'),
        constraint: 'sh:MinCountConstraintComponent',
      }),
    ]);
  });

  it('has its @context inline, and every dataset a stable IRI as dct:identifier and a title', () => {
    const document = jsonLdOf(input());
    expect(typeof document['@context']).toBe('object');
    expect(JSON.stringify(document['@context'])).not.toMatch(/"@import"|\.jsonld"/);
    const datasets = nodesOfType(document, 'dcat:Dataset');
    expect(datasets).toHaveLength(DATASETS.length);
    for (const dataset of datasets) {
      expect(values(dataset, 'dct:identifier')).toEqual([dataset['@id']]);
      expect(dataset['@id']).toMatch(/^urn:ville-ouverte:territory:243100518:dataset:[a-z-]+$/);
      expect(values(dataset, 'dct:title')[0]).toMatchObject({ '@language': 'fr' });
    }
  });

  it('identifies datasets and distributions by territory and dataset only: not by host, time or page', () => {
    const identifiers = (doc: JsonLdDocument) =>
      ['dcat:Dataset', 'dcat:Distribution', 'dcat:DataService', 'dcat:Catalog'].flatMap((t) =>
        nodesOfType(doc, t).map((n) => n['@id']),
      );
    const elsewhere = jsonLdOf(
      input({ filesBaseUrl: 'https://d9.cloudfront.net', apiBaseUrl: 'http://localhost:4000', now: new Date() }),
    );
    expect(identifiers(elsewhere).sort()).toEqual(identifiers(jsonLdOf(input())).sort());
  });

  it('gives every distribution its URLs, format, media type, size, SHA-256 and the Etalab licence', () => {
    const document = jsonLdOf(input());
    const distributions = nodesOfType(document, 'dcat:Distribution');
    expect(distributions.length).toBeGreaterThanOrEqual(DATASETS.length);
    for (const d of distributions) {
      const url = values(d, 'dcat:downloadURL')[0]!['@id'] as string;
      expect(url).toMatch(/^https:\/\/files\.example\/open-data\/243100518\/[a-z-]+\/latest\.(csv|geojson|json)$/);
      expect(values(d, 'dcat:accessURL')).toEqual([{ '@id': url }]);
      expect(values(d, 'dct:format')[0]!['@id']).toMatch(
        /^http:\/\/publications\.europa\.eu\/resource\/authority\/file-type\//,
      );
      expect(values(d, 'dcat:mediaType')[0]!['@id']).toMatch(/^https:\/\/www\.iana\.org\/assignments\/media-types\//);
      expect(values(d, 'dcat:byteSize')).toEqual([{ '@value': '1234', '@type': 'xsd:nonNegativeInteger' }]);
      expect(values(d, 'spdx:checksum')).toEqual([
        {
          '@type': ['spdx:Checksum'],
          'spdx:algorithm': [{ '@id': 'spdx:checksumAlgorithm_sha256' }],
          'spdx:checksumValue': [{ '@value': 'ab'.repeat(32), '@type': 'xsd:hexBinary' }],
        },
      ]);
      expect(values(d, 'dct:license')).toEqual([{ '@id': ETALAB_LICENCE }]);
    }
    expect(nodeById(document, ETALAB_LICENCE)['@type']).toEqual(['dct:LicenseDocument']);
    const csv = distributions.find((d) => String(d['@id']).endsWith(':reports:csv'))!;
    const schema = values(csv, 'dct:conformsTo')[0]!['@id'];
    expect(schema).toBe('https://files.example/open-data/243100518/reports/schema.json');
    expect(nodeById(document, schema as string)['@type']).toEqual(['dct:Standard']);
  });

  it('takes frequency and themes from the EU vocabularies, typed and labelled', () => {
    const document = jsonLdOf(input());
    for (const dataset of nodesOfType(document, 'dcat:Dataset')) {
      const [frequency] = values(dataset, 'dct:accrualPeriodicity');
      expect(frequency!['@id']).toMatch(
        /^http:\/\/publications\.europa\.eu\/resource\/authority\/frequency\/(DAILY|IRREG)$/,
      );
      expect(nodeById(document, frequency!['@id'] as string)['@type']).toContain('dct:Frequency');
      const themes = values(dataset, 'dcat:theme');
      expect(themes.length).toBeGreaterThan(0);
      for (const theme of themes) {
        expect(theme['@id']).toMatch(/^http:\/\/publications\.europa\.eu\/resource\/authority\/data-theme\/[A-Z]{4}$/);
        const concept = nodeById(document, theme['@id'] as string);
        expect(concept['@type']).toEqual(['skos:Concept']);
        expect(values(concept, 'skos:prefLabel')).toContainEqual(expect.objectContaining({ '@language': 'fr' }));
      }
    }
  });

  it('covers the territory’s extent as a dct:Location with a WKT bbox', () => {
    const [dataset] = nodesOfType(jsonLdOf(input()), 'dcat:Dataset');
    expect(values(dataset!, 'dct:spatial')).toEqual([
      {
        '@type': ['dct:Location'],
        'dcat:bbox': [
          { '@value': 'POLYGON((1.2 43.5, 1.6 43.5, 1.6 43.75, 1.2 43.75, 1.2 43.5))', '@type': 'gsp:wktLiteral' },
        ],
      },
    ]);
  });

  it('writes dct:modified in UTC and never in the future', () => {
    const future = '2027-01-01T00:00:00.000+02:00';
    const document = jsonLdOf(input({ datasets: [record('reports', future), record('communes')] }));
    const modified = nodesOfType(document, 'dcat:Dataset').flatMap((d) => values(d, 'dct:modified'));
    for (const value of modified) {
      expect(value['@type']).toBe('xsd:dateTime');
      expect(value['@value']).toMatch(/Z$/);
      expect(Date.parse(value['@value'] as string)).toBeLessThanOrEqual(NOW.getTime());
    }
    expect(modified.map((v) => v['@value'])).toContain(NOW.toISOString());
  });

  it('names a foaf:Agent after the territory as publisher', () => {
    const document = jsonLdOf(input());
    const publisher = nodeById(document, ids.publisher(SIREN));
    expect(publisher['@type']).toEqual(['foaf:Agent']);
    expect(values(publisher, 'foaf:name')).toEqual([{ '@value': 'Toulouse Métropole', '@language': 'fr' }]);
    for (const dataset of nodesOfType(document, 'dcat:Dataset')) {
      expect(values(dataset, 'dct:publisher')).toEqual([{ '@id': ids.publisher(SIREN) }]);
    }
  });

  it('describes each API as a dcat:DataService with its endpoint and description, linked to the datasets it serves', () => {
    const document = jsonLdOf(input());
    const services = nodesOfType(document, 'dcat:DataService');
    expect(services.map((s) => s['@id'])).toEqual(
      ['rest', 'open311', 'ngsi-ld'].map((s) => `urn:ville-ouverte:territory:243100518:service:${s}`),
    );
    const [rest, open311, ngsiLd] = services;
    expect(values(rest!, 'dcat:endpointURL')).toEqual([{ '@id': 'https://api.example/' }]);
    expect(values(rest!, 'dcat:endpointDescription')).toEqual([{ '@id': 'https://api.example/openapi.json' }]);
    expect(values(open311!, 'dcat:endpointDescription')).toEqual([
      { '@id': 'https://api.example/open311/v2/discovery.json' },
    ]);
    expect(values(ngsiLd!, 'dcat:endpointURL')).toEqual([{ '@id': 'https://api.example/ngsi-ld/v1/' }]);
    expect(values(open311!, 'dcat:servesDataset')).toEqual([{ '@id': ids.dataset(SIREN, 'reports') }]);
    expect(values(ngsiLd!, 'dcat:servesDataset').map((v) => v['@id'])).toEqual([
      ids.dataset(SIREN, 'sensor-daily-aggregates'),
      ids.dataset(SIREN, 'sensors'),
    ]);
    expect(values(rest!, 'dcat:servesDataset')).toHaveLength(DATASETS.length);
  });

  it('pages with hydra:PartialCollectionView and hydra:next, each page complete and valid on its own', async () => {
    const all = DATASETS.map((d) => record(d.slug));
    const pageOf = (n: number) =>
      catalogGraph(
        input({
          datasets: all.slice((n - 1) * 3, n * 3),
          page: {
            number: n,
            size: 3,
            totalItems: all.length,
            totalPages: 3,
            url: (p) => `https://api.example/c?page=${p}`,
          },
        }),
      );
    const first = toJsonLd(pageOf(1));
    const [view] = nodesOfType(first, 'hydra:PartialCollectionView');
    expect(view).toMatchObject({
      '@id': 'https://api.example/c?page=1',
      'hydra:next': [{ '@id': 'https://api.example/c?page=2' }],
      'hydra:last': [{ '@id': 'https://api.example/c?page=3' }],
    });
    const last = toJsonLd(pageOf(3));
    expect(nodesOfType(last, 'hydra:PartialCollectionView')[0]!['hydra:next']).toBeUndefined();
    for (const n of [1, 2, 3]) {
      const page = pageOf(n);
      expect((await validateDcatAp(await jsonLdQuads(toJsonLd(page)))).violations).toEqual([]);
      const datasets = nodesOfType(toJsonLd(page), 'dcat:Dataset');
      for (const dataset of datasets) {
        for (const d of values(dataset, 'dcat:distribution'))
          expect(nodeById(toJsonLd(page), d['@id'] as string)).toBeDefined();
      }
    }
    // One page: no view at all.
    expect(nodesOfType(jsonLdOf(input()), 'hydra:PartialCollectionView')).toEqual([]);
  });
});
