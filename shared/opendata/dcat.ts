/**
 * The DCAT-AP 3.0.1 catalogue of a territory, as data.gouv.fr's DCAT harvester takes it: every
 * dataset with a stable `dct:identifier` and a title; every distribution with its download and
 * access URLs, format and media type, byte size, SHA-256 checksum and licence (Licence Ouverte /
 * Etalab 2.0, typed dct:LicenseDocument); frequency and themes from the EU vocabularies, typed and
 * labelled; the spatial coverage a dct:Location with a WKT bounding box; `dct:modified` in UTC and
 * never in the future; a foaf:Agent publisher named after the territory; one dcat:DataService per
 * API, linked to the datasets it serves; Hydra paging when the catalogue spans pages, each page a
 * complete graph (its datasets, their distributions, the services, every node they point at typed
 * on the page, so each page validates on its own). Pure: the use case gives it the records and
 * the public URLs.
 */
import { blank, iri, text, typed, type NamedNode, type Value } from './rdf';
import {
  datasetDefinition,
  FORMATS,
  FREQUENCIES,
  ids,
  THEMES,
  type DatasetRecord,
  type Frequency,
  type ServiceName,
  type Theme,
} from './opendata';

export const ETALAB_LICENCE = 'https://www.etalab.gouv.fr/licence-ouverte-open-licence';
const DATA_THEME = 'http://publications.europa.eu/resource/authority/data-theme/';
const FREQUENCY = 'http://publications.europa.eu/resource/authority/frequency/';
const FILE_TYPE = 'http://publications.europa.eu/resource/authority/file-type/';
const MEDIA_TYPE = 'https://www.iana.org/assignments/media-types/';
const LANGUAGE_FR = 'http://publications.europa.eu/resource/authority/language/FRA';
const LOCAL_AUTHORITY = 'http://purl.org/adms/publishertype/LocalAuthority';
const SPDX_SHA256 = 'spdx:checksumAlgorithm_sha256';

export interface CatalogPage {
  /** 1-based. */
  readonly number: number;
  readonly size: number;
  readonly totalItems: number;
  readonly totalPages: number;
  readonly url: (page: number) => string;
}

export interface CatalogInput {
  readonly territory: { readonly siren: string; readonly name: string };
  /** [west, south, east, north] of the territory's communes, when known. */
  readonly bbox?: readonly [number, number, number, number];
  /** The datasets of this page, in the catalogue's order. */
  readonly datasets: readonly DatasetRecord[];
  readonly page: CatalogPage;
  /** Where the published files are served (CloudFront, or the local gateway), no trailing slash. */
  readonly filesBaseUrl: string;
  /** Where the API is served, no trailing slash. */
  readonly apiBaseUrl: string;
  readonly now: Date;
}

/** WKT of a bounding box, as GeoSPARQL's wktLiteral (CRS84: longitude first). */
export const bboxWkt = ([w, s, e, n]: readonly [number, number, number, number]): string =>
  `POLYGON((${w} ${s}, ${e} ${s}, ${e} ${n}, ${w} ${n}, ${w} ${s}))`;

/** An instant as xsd:dateTime in UTC, never after `now` (a harvester drops a future date). */
const utc = (instant: string, now: Date): Value =>
  typed(new Date(Math.min(Date.parse(instant), now.getTime())).toISOString(), 'xsd:dateTime');

const SERVICES: Readonly<
  Record<
    ServiceName,
    {
      readonly title: string;
      readonly description: string;
      readonly endpoint: string;
      readonly endpointDescription: string;
      readonly standard: { readonly iri: string; readonly title: string };
    }
  >
> = {
  rest: {
    title: 'API REST Ville Ouverte',
    description:
      'L’API de la plateforme : signalements, consultations et budgets participatifs, capteurs, communes et ' +
      'compétences, décrite par son document OpenAPI 3.1.',
    endpoint: '/',
    endpointDescription: '/openapi.json',
    standard: { iri: 'https://spec.openapis.org/oas/v3.1.0', title: 'OpenAPI Specification 3.1.0' },
  },
  open311: {
    title: 'Open311 GeoReport v2',
    description: 'Les signalements selon le standard Open311 GeoReport v2 (JSON et XML) : catégories, dépôt et suivi.',
    endpoint: '/open311/v2/',
    endpointDescription: '/open311/v2/discovery.json',
    standard: { iri: 'http://wiki.open311.org/GeoReport_v2/', title: 'Open311 GeoReport v2' },
  },
  'ngsi-ld': {
    title: 'API NGSI-LD des capteurs',
    description:
      'Les capteurs et leurs mesures en NGSI-LD (ETSI GS CIM 009) : entités, séries temporelles et agrégats ; ' +
      'le locataire est le territoire (en-tête NGSILD-Tenant).',
    endpoint: '/ngsi-ld/v1/',
    endpointDescription: '/openapi.json',
    standard: {
      iri: 'https://www.etsi.org/deliver/etsi_gs/CIM/001_099/009/',
      title: 'ETSI GS CIM 009 (NGSI-LD API)',
    },
  },
};

const SERVICE_ORDER: readonly ServiceName[] = ['rest', 'open311', 'ngsi-ld'];

/** The catalogue page as RDF nodes: the catalogue, its datasets and distributions, services, and what they point at. */
export const catalogGraph = (input: CatalogInput): NamedNode[] => {
  const { territory, now, page } = input;
  const siren = territory.siren;
  const file = (key: string) => `${input.filesBaseUrl}/${key}`;
  const api = (path: string) => `${input.apiBaseUrl}${path}`;
  const nodes = new Map<string, NamedNode>();
  /** Adds a node once; a node added again (one IRI in two roles) gets the types and properties it lacked. */
  const add = (node: NamedNode) => {
    const known = nodes.get(node.id);
    if (!known) nodes.set(node.id, node);
    else {
      const seen = new Set(known.properties.map((p) => JSON.stringify(p)));
      nodes.set(node.id, {
        id: node.id,
        types: [...new Set([...known.types, ...node.types])],
        properties: [...known.properties, ...node.properties.filter((p) => !seen.has(JSON.stringify(p)))],
      });
    }
    return iri(node.id);
  };
  /** A web resource the catalogue points at, typed as the shapes' ranges ask. */
  const resource = (url: string, type = 'rdfs:Resource') => add({ id: url, types: [type], properties: [] });

  // What the datasets and distributions point at, each typed and described once on the page.
  const publisher = add({
    id: ids.publisher(siren),
    types: ['foaf:Agent'],
    properties: [
      ['foaf:name', text(territory.name, 'fr')],
      ['dct:identifier', text(siren)],
      ['dct:type', iri(LOCAL_AUTHORITY)],
    ],
  });
  add({
    id: LOCAL_AUTHORITY,
    types: ['skos:Concept'],
    properties: [
      ['skos:prefLabel', text('Autorité locale', 'fr')],
      ['skos:prefLabel', text('Local Authority', 'en')],
    ],
  });
  const licence = () =>
    add({
      id: ETALAB_LICENCE,
      types: ['dct:LicenseDocument'],
      properties: [['dct:title', text('Licence Ouverte / Open Licence version 2.0', 'fr')]],
    });
  const language = () =>
    add({ id: LANGUAGE_FR, types: ['dct:LinguisticSystem'], properties: [['skos:prefLabel', text('français', 'fr')]] });
  const theme = (code: Theme) =>
    add({
      id: `${DATA_THEME}${code}`,
      types: ['skos:Concept'],
      properties: [
        ['skos:prefLabel', text(THEMES[code].fr, 'fr')],
        ['skos:prefLabel', text(THEMES[code].en, 'en')],
        ['skos:inScheme', iri(DATA_THEME.slice(0, -1))],
      ],
    });
  const frequency = (code: Frequency) =>
    add({
      id: `${FREQUENCY}${code}`,
      types: ['dct:Frequency', 'skos:Concept'],
      properties: [
        ['skos:prefLabel', text(FREQUENCIES[code].fr, 'fr')],
        ['skos:prefLabel', text(FREQUENCIES[code].en, 'en')],
      ],
    });
  const fileType = (code: string) =>
    add({
      id: `${FILE_TYPE}${code}`,
      types: ['dct:MediaTypeOrExtent', 'skos:Concept'],
      properties: [['skos:prefLabel', text(code)]],
    });
  const mediaType = (type: string) =>
    add({ id: `${MEDIA_TYPE}${type}`, types: ['dct:MediaType'], properties: [['dct:title', text(type)]] });
  const standard = (id: string, title: string) =>
    add({ id, types: ['dct:Standard'], properties: [['dct:title', text(title)]] });
  const spatial = (): Value | undefined =>
    input.bbox ? blank(['dct:Location'], [['dcat:bbox', typed(bboxWkt(input.bbox), 'gsp:wktLiteral')]]) : undefined;

  const servedBy = new Map<ServiceName, string[]>(SERVICE_ORDER.map((s) => [s, []]));
  const datasetIds: string[] = [];

  for (const record of input.datasets) {
    const definition = datasetDefinition(record.slug);
    if (!definition) continue;
    const datasetId = ids.dataset(siren, record.slug);
    datasetIds.push(datasetId);
    for (const service of definition.services) servedBy.get(service)!.push(datasetId);
    const location = spatial();
    const distributions = record.distributions.map((d) => {
      const format = FORMATS[d.format];
      const url = iri(file(d.key));
      const properties: [string, Value][] = [
        ['dct:title', text(`${definition.title} (${format.fileType})`, 'fr')],
        ['dcat:downloadURL', url],
        ['dcat:accessURL', url],
        ['dct:format', fileType(format.fileType)],
        ['dcat:mediaType', mediaType(format.mediaType)],
        ['dcat:byteSize', typed(String(d.byteSize), 'xsd:nonNegativeInteger')],
        [
          'spdx:checksum',
          blank(
            ['spdx:Checksum'],
            [
              ['spdx:algorithm', iri(SPDX_SHA256)],
              ['spdx:checksumValue', typed(d.sha256, 'xsd:hexBinary')],
            ],
          ),
        ],
        ['dct:license', licence()],
        ['dct:modified', utc(d.modified, now)],
      ];
      if (d.format === 'csv' && record.schemaKey) {
        properties.push(['dct:conformsTo', standard(file(record.schemaKey), `Table Schema de ${definition.title}`)]);
      }
      const followed = definition.standards?.[d.format];
      if (followed) properties.push(['dct:conformsTo', standard(followed.iri, followed.title)]);
      return add({ id: ids.distribution(siren, record.slug, d.format), types: ['dcat:Distribution'], properties });
    });
    add({
      id: datasetId,
      types: ['dcat:Dataset'],
      properties: [
        ['dct:identifier', text(datasetId)],
        ['dct:title', text(definition.title, 'fr')],
        ['dct:description', text(definition.description, 'fr')],
        ...definition.keywords.map((k): [string, Value] => ['dcat:keyword', text(k, 'fr')]),
        ...definition.themes.map((code): [string, Value] => ['dcat:theme', theme(code)]),
        ['dct:accrualPeriodicity', frequency(definition.frequency)],
        ['dct:publisher', publisher],
        ['dct:language', language()],
        ['dct:issued', utc(record.issued, now)],
        ['dct:modified', utc(record.modified, now)],
        ...(location ? [['dct:spatial', location] as [string, Value]] : []),
        ...distributions.map((d): [string, Value] => ['dcat:distribution', d]),
      ],
    });
  }
  if (datasetIds.length > 0) add({ id: SPDX_SHA256, types: ['spdx:ChecksumAlgorithm'], properties: [] });

  const services = SERVICE_ORDER.map((name) => {
    const service = SERVICES[name];
    return add({
      id: ids.service(siren, name),
      types: ['dcat:DataService'],
      properties: [
        ['dct:title', text(service.title, 'fr')],
        ['dct:description', text(service.description, 'fr')],
        ['dcat:endpointURL', resource(api(service.endpoint))],
        ['dcat:endpointDescription', resource(api(service.endpointDescription))],
        ['dct:conformsTo', standard(service.standard.iri, service.standard.title)],
        ['dct:publisher', publisher],
        ['dct:license', licence()],
        ...servedBy.get(name)!.map((id): [string, Value] => ['dcat:servesDataset', iri(id)]),
      ],
    });
  });

  const modified = input.datasets
    .map((d) => d.modified)
    .sort()
    .at(-1);
  const catalogSpatial = spatial();
  const catalog: NamedNode = {
    id: ids.catalog(siren),
    types: ['dcat:Catalog'],
    properties: [
      ['dct:title', text(`Données ouvertes — ${territory.name}`, 'fr')],
      [
        'dct:description',
        text(
          `Les données publiques de ${territory.name} (SIREN ${siren}) publiées par la plateforme Ville Ouverte : ` +
            'signalements, délais de traitement, résultats des consultations et budgets participatifs, capteurs ' +
            'urbains, communes et compétences, portefeuille des projets. Licence Ouverte / Etalab 2.0, sans donnée personnelle.',
          'fr',
        ),
      ],
      ['dct:publisher', publisher],
      ['dct:license', licence()],
      ['dct:language', language()],
      ['foaf:homepage', resource(api('/'), 'foaf:Document')],
      ...(modified ? [['dct:modified', utc(modified, now)] as [string, Value]] : []),
      ...(catalogSpatial ? [['dct:spatial', catalogSpatial] as [string, Value]] : []),
      ...datasetIds.map((id): [string, Value] => ['dcat:dataset', iri(id)]),
      ...services.map((s): [string, Value] => ['dcat:service', s]),
    ],
  };

  const view: NamedNode[] =
    page.totalPages > 1
      ? [
          {
            id: page.url(page.number),
            types: ['hydra:PartialCollectionView'],
            properties: [
              ['hydra:first', iri(page.url(1))],
              ['hydra:last', iri(page.url(page.totalPages))],
              ...(page.number > 1 ? [['hydra:previous', iri(page.url(page.number - 1))] as [string, Value]] : []),
              ...(page.number < page.totalPages
                ? [['hydra:next', iri(page.url(page.number + 1))] as [string, Value]]
                : []),
              ['hydra:totalItems', typed(String(page.totalItems), 'xsd:integer')],
              ['hydra:itemsPerPage', typed(String(page.size), 'xsd:integer')],
            ],
          },
        ]
      : [];

  return [catalog, ...nodes.values(), ...view];
};
