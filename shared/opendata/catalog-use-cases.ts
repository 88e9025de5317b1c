/**
 * The catalogue of a territory's open data (DCAT-AP 3.0.1), as JSON-LD or Turtle, a page at a
 * time: what the last exports published (the datasets' records), the territory's name and extent,
 * and the platform's APIs. Read-only: one Query of the records, the territory and its communes.
 */
import type { Clock } from '../kernel/clock';
import { NotFoundError } from '../kernel/errors';
import { catalogGraph } from './dcat';
import { DATASET_SLUGS } from './opendata';
import type { OpenDataStore, TerritorySource } from './opendata-ports';
import { toJsonLd, toTurtle, type NamedNode } from './rdf';

export const DEFAULT_CATALOG_PAGE_SIZE = 50;
export const MAX_CATALOG_PAGE_SIZE = 100;

export interface CatalogDeps {
  readonly store: Pick<OpenDataStore, 'listDatasets'>;
  readonly territory: Pick<TerritorySource, 'getTerritory' | 'listCommunes'>;
  readonly clock: Clock;
  /** Where the published files are served, e.g. https://d111.cloudfront.net (read when first needed). */
  readonly filesBaseUrl: () => string;
}

export interface CatalogRequest {
  readonly page: number;
  readonly pageSize: number;
  /** The API's public base URL (no trailing slash): the services' endpoints. */
  readonly apiBaseUrl: string;
  /** This list's URL for another page (Hydra links). */
  readonly pageUrl: (page: number) => string;
}

const union = (boxes: readonly (readonly number[])[]): [number, number, number, number] | undefined =>
  boxes.length === 0
    ? undefined
    : [
        Math.min(...boxes.map((b) => b[0]!)),
        Math.min(...boxes.map((b) => b[1]!)),
        Math.max(...boxes.map((b) => b[2]!)),
        Math.max(...boxes.map((b) => b[3]!)),
      ];

export const makeCatalogUseCases = ({ store, territory, clock, filesBaseUrl }: CatalogDeps) => {
  /** The page's graph, and when its newest dataset was published. */
  const graph = async (siren: string, request: CatalogRequest): Promise<{ nodes: NamedNode[]; modified?: string }> => {
    const found = await territory.getTerritory(siren);
    const communes = await territory.listCommunes(siren);
    const order = (slug: string) => (DATASET_SLUGS as readonly string[]).indexOf(slug);
    const records = (await store.listDatasets(siren))
      .filter((record) => order(record.slug) >= 0)
      .sort((a, b) => order(a.slug) - order(b.slug));
    const totalPages = Math.max(1, Math.ceil(records.length / request.pageSize));
    if (request.page > totalPages) {
      throw new NotFoundError(`The catalogue of territory ${siren} has ${totalPages} page(s)`);
    }
    const datasets = records.slice((request.page - 1) * request.pageSize, request.page * request.pageSize);
    const nodes = catalogGraph({
      territory: { siren, name: found.name },
      bbox: union(communes.flatMap((c) => (c.boundary ? [c.boundary.bbox] : []))),
      datasets,
      page: {
        number: request.page,
        size: request.pageSize,
        totalItems: records.length,
        totalPages,
        url: request.pageUrl,
      },
      filesBaseUrl: filesBaseUrl(),
      apiBaseUrl: request.apiBaseUrl,
      now: clock.now(),
    });
    return {
      nodes,
      modified: datasets
        .map((d) => d.modified)
        .sort()
        .at(-1),
    };
  };

  return {
    /** Primary course: anyone (a harvester) reads the catalogue as JSON-LD, its @context inline. */
    jsonLd: async (siren: string, request: CatalogRequest) => {
      const { nodes } = await graph(siren, request);
      return toJsonLd(nodes);
    },
    /** The same graph as Turtle. */
    turtle: async (siren: string, request: CatalogRequest): Promise<string> =>
      toTurtle((await graph(siren, request)).nodes),
  };
};

export type CatalogUseCases = ReturnType<typeof makeCatalogUseCases>;
