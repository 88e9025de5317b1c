/**
 * What the open-data use cases need from the outside world. Adapters implement the bucket, the
 * table and the queue; the other contexts are reached through their own use cases and read-only
 * store queries (opendata-app.ts), never a Scan.
 */
import type { Consultation, Results } from '../participation/participation';
import type { PublishedProject } from '../portfolio/exchange-use-cases';
import type { Report } from '../reports/report';
import type { CategorySlaFigures, SlaFigures } from '../reports/sla';
import type { RollupView, Sensor } from '../sensors/sensors';
import type { Boundary } from '../territory/geometry';
import type { Category, Commune, Territory } from '../territory/territory';
import type { DatasetRecord, ExportMessage, ExportRun } from './opendata';

/** The open-data bucket, as the exporter writes it. */
export interface PublishedFiles {
  /**
   * Stores `body` under `key` as it comes (a large file goes up in parts, never whole in memory);
   * resolves once the object is complete.
   */
  write(key: string, body: AsyncIterable<Uint8Array>, headers: FileHeaders): Promise<void>;
  /** A server-side copy, with its own headers (the stable name gets a short cache life). */
  copy(fromKey: string, toKey: string, headers: FileHeaders): Promise<void>;
}

export interface FileHeaders {
  readonly contentType: string;
  readonly cacheControl: string;
}

/** Export runs and what each territory publishes, in the table. */
export interface OpenDataStore {
  saveRun(run: ExportRun): Promise<void>;
  getRun(territory: string, id: string): Promise<ExportRun | undefined>;
  /**
   * Takes the territory's export lease for `exportId` until `until`; false while another export
   * holds an unexpired one (two exports of one territory never interleave their files).
   */
  acquireLease(territory: string, exportId: string, now: Date, until: Date): Promise<boolean>;
  releaseLease(territory: string, exportId: string): Promise<void>;
  listDatasets(territory: string): Promise<DatasetRecord[]>;
  saveDatasets(records: readonly DatasetRecord[]): Promise<void>;
}

export interface ExportQueue {
  send(messages: readonly ExportMessage[]): Promise<void>;
}

/** The territory context, as the exports read it. */
export interface TerritorySource {
  listTerritories(): Promise<string[]>;
  /** Throws NotFoundError for an unknown territory. */
  getTerritory(siren: string): Promise<Territory>;
  listCommunes(siren: string): Promise<Commune[]>;
  boundaryOf(siren: string, insee: string): Promise<Boundary | undefined>;
  listCategories(siren: string): Promise<Category[]>;
}

export interface CommuneSlaStatistics {
  readonly from: string;
  readonly to: string;
  readonly all: SlaFigures;
  readonly categories: readonly CategorySlaFigures[];
}

/** The reports context, as the exports read it. */
export interface ReportsSource {
  /** Every report of a commune, a page (one Query of its index) at a time. */
  communeReports(siren: string, insee: string): AsyncIterable<readonly Report[]>;
  slaStatistics(siren: string, insee: string): Promise<CommuneSlaStatistics>;
}

/** The participation context, as the exports read it: published results only. */
export interface ParticipationSource {
  publishedResults(siren: string): AsyncIterable<{ readonly consultation: Consultation; readonly results: Results }>;
}

/** The sensors context, as the exports read it. */
export interface SensorsSource {
  listSensors(siren: string): Promise<Sensor[]>;
  /** A numeric property's daily rollups from `from` to `to`, oldest first, a page at a time. */
  dailyRollups(
    siren: string,
    sensor: Sensor,
    property: string,
    from: Date,
    to: Date,
  ): AsyncIterable<readonly RollupView[]>;
}

/** The portfolio context, as the exports read it: each project's CSV cells and OC4IDS document. */
export interface PortfolioSource {
  /** The publisher's name (the territory's) and the projects, parents first, a page at a time. */
  publishedProjects(siren: string): Promise<{
    readonly publisher: string;
    readonly pages: AsyncIterable<readonly PublishedProject[]>;
  }>;
}

export interface OpenDataSources {
  readonly territory: TerritorySource;
  readonly portfolio: PortfolioSource;
  readonly reports: ReportsSource;
  readonly participation: ParticipationSource;
  readonly sensors: SensorsSource;
}
