/** What the Open311 use cases need from the outside world. Adapters implement these. */
import type { DomainEvent } from '../events/domain-event';
import type { ReportUseCases } from '../reports/report-use-cases';
import type { Body, Category, Commune, Territory } from '../territory/territory';
import type { ClientAppRecord, FilingClient, Open311Settings } from './open311-clients';

/** The territory context, as Open311 sees it (implemented by its use cases). */
export interface TerritoryDirectory {
  /** Throws NotFoundError for an unknown SIREN. */
  getTerritory(siren: string): Promise<Territory>;
  listCommunes(siren: string): Promise<Commune[]>;
  listCategories(siren: string): Promise<Category[]>;
  listBodies(siren: string): Promise<Body[]>;
  /** Throws NotFoundError when no commune of the territory contains the point. */
  locate(siren: string, lat: number, lon: number): Promise<Commune>;
}

/** The territory (EPCI, by SIREN) hosted here that a commune belongs to. */
export interface CommuneMembership {
  epciOf(insee: string): Promise<string | undefined>;
}

/** The report use cases Open311 speaks through. */
export type Reports = Pick<ReportUseCases, 'fileReport' | 'getPublic' | 'listFiled'>;

/** Links to stored photos, valid for a while (the uploads bucket's presigned GETs). */
export interface PhotoLinks {
  link(key: string): Promise<string>;
}

/** Client applications and the territory's Open311 setting, as stored. */
export interface ClientAppStore {
  /** Strongly consistent: a client revoked a moment ago must not post. */
  getClient(siren: string, id: string): Promise<ClientAppRecord | undefined>;
  listClients(siren: string): Promise<ClientAppRecord[]>;
  createClient(client: ClientAppRecord, event: DomainEvent): Promise<void>;
  /** Conditioned on the client being active: two revocations make one change. */
  revokeClient(client: ClientAppRecord, event: DomainEvent): Promise<void>;
  getSettings(siren: string): Promise<Open311Settings | undefined>;
  /** Conditioned on the version read (0: none stored yet). */
  saveSettings(settings: Open311Settings, read: number, event: DomainEvent): Promise<void>;
}

/** Who may post: the client application an api_key names, or none (when the territory allows it). */
export interface ClientGate {
  /** Throws ForbiddenError for a key missing (when required), unknown, or revoked. */
  admit(siren: string, apiKey: string | undefined): Promise<FilingClient | undefined>;
}
