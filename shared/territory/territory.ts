/**
 * The territory context: an EPCI (identified by its SIREN) and its member communes (INSEE codes),
 * the bodies that act in it (the metropolis and each commune) with their services, and report
 * categories with the competence table saying which body handles each. Pure types and rules.
 */
import type { BoundingBox } from './geometry';

export interface Territory {
  readonly siren: string;
  readonly name: string;
  readonly population: number;
  readonly communeCount: number;
  /** Demo data, not an authoritative source. */
  readonly demo: boolean;
  readonly updatedAt: string;
}

export interface BoundarySummary {
  /** Where the boundary comes from, e.g. "IGN Admin Express" or "demo: approximate". */
  readonly source: string;
  readonly bbox: BoundingBox;
  readonly vertices: number;
  readonly sha256: string;
  readonly version: number;
  readonly updatedAt: string;
}

export interface Commune {
  readonly siren: string;
  readonly insee: string;
  readonly name: string;
  readonly population: number;
  readonly boundary?: BoundarySummary;
}

export type BodyKind = 'territory' | 'commune';

export interface Service {
  /** Slug, unique within its body. */
  readonly id: string;
  readonly name: string;
  readonly email?: string;
  readonly version: number;
}

/** An authority that handles reports: the metropolis (id = SIREN) or a commune (id = INSEE code). */
export interface Body {
  readonly id: string;
  readonly kind: BodyKind;
  readonly name: string;
  readonly services: readonly Service[];
}

/** Which level of government is competent, and which of its services handles the item. */
export interface Competence {
  readonly level: BodyKind;
  readonly service?: string;
}

export interface CategoryOverride extends Competence {
  readonly insee: string;
  readonly version: number;
}

export interface Category {
  readonly code: string;
  readonly name: string;
  readonly description?: string;
  /** Default for every commune of the territory. */
  readonly competence: Competence;
  /** Communes where another level (or service) is competent. */
  readonly overrides: readonly CategoryOverride[];
  readonly version: number;
}

export interface ResolvedCompetence {
  readonly bodyId: string;
  readonly bodyKind: BodyKind;
  readonly service?: string;
  readonly overridden: boolean;
}

/** The competence table: a per-commune override wins over the category's default. */
export const resolveCompetence = (siren: string, category: Category, insee: string): ResolvedCompetence => {
  const override = category.overrides.find((o) => o.insee === insee);
  const competence = override ?? category.competence;
  return {
    bodyId: competence.level === 'territory' ? siren : insee,
    bodyKind: competence.level,
    service: competence.service,
    overridden: override !== undefined,
  };
};

/** A territory as the etalab reference data describes it. */
export interface EpciReference {
  readonly siren: string;
  readonly name: string;
  readonly population: number;
  readonly members: readonly { insee: string; name: string; population: number }[];
}
