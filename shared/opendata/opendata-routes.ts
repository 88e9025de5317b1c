/**
 * The open-data context's routes: part of the one wiring declaration (shared/wiring). The
 * catalogue answers GET and HEAD (a harvester asks HEAD for the media type), as JSON-LD with its
 * @context inline, and as Turtle.
 */
import * as z from 'zod';
import { Ulid } from '../kernel/schemas';
import { Siren } from '../territory/territory';
import { defineRoute } from '../wiring/define';
import { DEFAULT_CATALOG_PAGE_SIZE, MAX_CATALOG_PAGE_SIZE } from './catalog-use-cases';
import { ExportRunRecord } from './opendata';

const tag = 'Open data';
const fn = (name: string) => `functions/opendata/${name}.ts`;

const SirenParams = z.object({ siren: Siren });
const ExportParams = z.object({ siren: Siren, exportId: Ulid('an export id') });

const ExportRunView = ExportRunRecord.meta({
  id: 'OpenDataExport',
  description:
    'An export of the territory’s open data: queued, running, done (with what it published), failed or skipped',
});

export const CatalogQuery = z.object({
  page: z.coerce.number().int().min(1).default(1).meta({ description: 'The page, from 1 (Hydra paging)' }),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_CATALOG_PAGE_SIZE)
    .default(DEFAULT_CATALOG_PAGE_SIZE)
    .meta({ description: 'Datasets per page' }),
});

/** A JSON-LD document with its @context inline (prefixes) and a @graph of nodes. */
export const CatalogDocument = z
  .object({
    '@context': z.record(z.string(), z.string()),
    '@graph': z.array(z.looseObject({ '@id': z.string(), '@type': z.array(z.string()).optional() })),
  })
  .meta({ id: 'DcatApCatalog', description: 'A DCAT-AP 3.0.1 catalogue (JSON-LD, @context inline)' });

const JSON_LD = 'application/ld+json';
const TURTLE = 'text/turtle';

const catalogAnswer = {
  description: 'The catalogue page (DCAT-AP 3.0.1), with Hydra paging links when it spans pages',
  schema: CatalogDocument,
  contentType: JSON_LD,
} as const;

const catalogContract = {
  params: SirenParams,
  query: CatalogQuery,
  responses: { 200: catalogAnswer },
} as const;

export const openDataRoutes = {
  requestOpenDataExport: defineRoute({
    id: 'requestOpenDataExport',
    method: 'POST',
    path: '/territories/{siren}/open-data/exports',
    handler: fn('request-open-data-export'),
    access: 'admin',
    table: 'write',
    // Queues the export (the open-data-exports queue).
    publishesEvents: true,
    tag,
    summary: 'Export the territory’s open data now (territory admins); it runs within minutes',
    contract: {
      params: SirenParams,
      responses: {
        202: {
          description: 'Queued: follow Location for its progress',
          schema: ExportRunView,
          headers: { Location: { description: 'The export’s status' } },
        },
      },
    },
  }),
  getOpenDataExport: defineRoute({
    id: 'getOpenDataExport',
    method: 'GET',
    path: '/territories/{siren}/open-data/exports/{exportId}',
    handler: fn('get-open-data-export'),
    access: 'admin',
    table: 'read',
    tag,
    summary:
      'An export of the territory’s open data: its status and, once done, the files with their sizes and SHA-256',
    contract: { params: ExportParams, responses: { 200: { description: 'The export', schema: ExportRunView } } },
  }),
  getCatalogJsonLd: defineRoute({
    id: 'getCatalogJsonLd',
    method: 'GET',
    path: '/territories/{siren}/catalog.jsonld',
    handler: fn('get-catalog-json-ld'),
    access: 'public',
    table: 'read',
    openData: 'link',
    tag,
    summary: 'The territory’s open-data catalogue, DCAT-AP 3.0.1 in JSON-LD (what data.gouv.fr harvests)',
    contract: catalogContract,
  }),
  headCatalogJsonLd: defineRoute({
    id: 'headCatalogJsonLd',
    method: 'HEAD',
    path: '/territories/{siren}/catalog.jsonld',
    handler: fn('head-catalog-json-ld'),
    access: 'public',
    table: 'read',
    openData: 'link',
    tag,
    summary: 'The catalogue’s headers (application/ld+json), for a harvester that checks the format first',
    contract: catalogContract,
  }),
  getCatalogTurtle: defineRoute({
    id: 'getCatalogTurtle',
    method: 'GET',
    path: '/territories/{siren}/catalog.ttl',
    handler: fn('get-catalog-turtle'),
    access: 'public',
    table: 'read',
    openData: 'link',
    tag,
    summary: 'The same catalogue in Turtle',
    contract: {
      params: SirenParams,
      query: CatalogQuery,
      responses: { 200: { description: 'The catalogue page (DCAT-AP 3.0.1) in Turtle', contentType: TURTLE } },
    },
  }),
} as const;
