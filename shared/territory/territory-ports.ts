/** What the territory use cases need from the outside world. Adapters implement these. */
import type { DomainEvent } from '../events/domain-event';
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
  saveImport(territory: Territory, communes: readonly Commune[], event: DomainEvent): Promise<void>;
  saveBoundary(
    commune: Commune,
    boundary: Boundary,
    previousVersion: number | undefined,
    event: DomainEvent,
  ): Promise<void>;
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
