/** What the territory use cases need from the outside world. Adapters implement these. */
import type { DomainEvent } from '../events/domain-event';
import type { CellGroup } from './cell-index';
import type { Boundary } from './geometry';
import type {
  Body,
  BodySla,
  Category,
  CategoryOverride,
  Commune,
  EpciReference,
  Service,
  Territory,
} from './territory';

/** Where the reference list of EPCIs and their member communes comes from. */
export interface EpciCatalogue {
  find(siren: string): Promise<EpciReference | undefined>;
}

/** A commune in the cell index (as stored with it), with its whole and border cells of one group. */
export interface CellEntry {
  readonly commune: Commune;
  readonly whole: string;
  readonly border: string;
}

/** A boundary locate must test by point in polygon: the cell index does not hold it. */
export interface UnindexedBoundary {
  readonly insee: string;
  readonly bbox: readonly [number, number, number, number];
  readonly version: number;
}

/**
 * Persistence. Every write carries the event announcing it: the adapter stores both atomically.
 * Writes that replace something take the version read before; if it changed meanwhile they throw
 * ConflictError, so the before → after an event records is exact.
 */
export interface TerritoryStore {
  getTerritory(siren: string): Promise<Territory | undefined>;
  /** SIRENs of every territory this deployment hosts (for scheduled work that visits each). */
  listTerritories(): Promise<string[]>;
  listCommunes(siren: string): Promise<Commune[]>;
  getCommune(siren: string, insee: string): Promise<Commune | undefined>;
  getBoundaries(siren: string, insees: readonly string[]): Promise<Map<string, Boundary>>;
  /** The boundaries with the version each was stored at. */
  getVersionedBoundaries(
    siren: string,
    insees: readonly string[],
  ): Promise<Map<string, { boundary: Boundary; version: number }>>;
  /** The communes the cell index holds in a group of cells, in INSEE order. */
  cellEntries(siren: string, group: string): Promise<CellEntry[]>;
  /**
   * The boxes of the boundaries the cell index does not hold (set before the index existed, or
   * too large for it), in INSEE order; undefined when the territory has no commune at all.
   */
  listUnindexedBoundaries(siren: string): Promise<UnindexedBoundary[] | undefined>;
  saveImport(territory: Territory, communes: readonly Commune[], event: DomainEvent): Promise<void>;
  /**
   * Stores the boundary, its summary on the commune and its cells in the index (`cells`; none:
   * left out of the index), removing the cells of the boundary it replaces, in one transaction.
   */
  saveBoundary(
    commune: Commune,
    boundary: Boundary,
    previousVersion: number | undefined,
    event: DomainEvent,
    cells: readonly CellGroup[] | undefined,
  ): Promise<void>;
  /**
   * Puts a boundary stored before the cell index into it, at the version read (no event: only how
   * fast its commune is found changes). False when there is nothing to do: indexed already, set
   * again meanwhile (its own write indexed it), too large for the index.
   */
  indexBoundary(siren: string, insee: string, version: number, cells: readonly CellGroup[]): Promise<boolean>;
  listBodies(siren: string): Promise<Body[]>;
  saveBodySla(
    siren: string,
    bodyId: string,
    sla: BodySla,
    previousVersion: number | undefined,
    event: DomainEvent,
  ): Promise<void>;
  saveService(
    siren: string,
    bodyId: string,
    service: Service,
    previousVersion: number | undefined,
    event: DomainEvent,
  ): Promise<void>;
  deleteService(siren: string, bodyId: string, service: Service, event: DomainEvent): Promise<void>;
  listCategories(siren: string): Promise<Category[]>;
  saveCategory(
    siren: string,
    category: Category,
    previousVersion: number | undefined,
    event: DomainEvent,
  ): Promise<void>;
  saveOverride(
    siren: string,
    code: string,
    override: CategoryOverride,
    previousVersion: number | undefined,
    event: DomainEvent,
  ): Promise<void>;
  deleteOverride(siren: string, code: string, override: CategoryOverride, event: DomainEvent): Promise<void>;
}
