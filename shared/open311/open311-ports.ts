/** What the Open311 use cases need from the outside world. Adapters implement these. */
import type { ReportUseCases } from '../reports/report-use-cases';
import type { Body, Category, Commune, Territory } from '../territory/territory';

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

/** The territory (EPCI, by SIREN) a commune belongs to, from the reference data of French communes. */
export interface CommuneMembership {
  epciOf(insee: string): Promise<string | undefined>;
}

/** The report use cases Open311 speaks through. */
export type Reports = Pick<ReportUseCases, 'fileReport' | 'getPublic' | 'listFiled'>;

/** Links to stored photos, valid for a while (the uploads bucket's presigned GETs). */
export interface PhotoLinks {
  link(key: string): Promise<string>;
}
