/**
 * The territory context: an EPCI (identified by its SIREN) and its member communes (INSEE codes),
 * the bodies that act in it (the metropolis and each commune) with their services, and report
 * categories with the competence table saying which body handles each. Pure types and rules.
 */
import type { BusinessCalendar } from '../calendar/business-calendar';
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
  /** Working hours and escalation; the default calendar applies while none is set. */
  readonly sla?: BodySla;
}

/** How a body counts SLA time and whom it tells when a report goes past due. */
export interface BodySla {
  readonly calendar: BusinessCalendar;
  /** The body's managers: told once when one of its reports goes past due. */
  readonly escalationEmails: readonly string[];
  readonly version: number;
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

/** Datatypes of a category question, as Open311 GeoReport v2 names its attributes' datatypes. */
export type QuestionDatatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

/** A question asked when reporting in a category (an Open311 attribute). */
export interface CategoryQuestion {
  /** Unique within the category. */
  readonly code: string;
  readonly label: string;
  readonly datatype: QuestionDatatype;
  readonly required: boolean;
  readonly description?: string;
  /** The choices of a single or multi value list. */
  readonly values?: readonly { readonly key: string; readonly name: string }[];
}

export interface Category {
  readonly code: string;
  readonly name: string;
  readonly description?: string;
  /** Asked when reporting, in this order. */
  readonly questions?: readonly CategoryQuestion[];
  /** Target time to resolve a report, in business hours of the responsible body. */
  readonly slaHours?: number;
  /** False once the category is withdrawn: no new report in it. @default true */
  readonly active?: boolean;
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

/** A list question needs choices, each key once; codes are unique. Returns what is wrong, if anything. */
export const questionProblems = (questions: readonly CategoryQuestion[]): string[] => {
  const problems: string[] = [];
  const codes = new Set<string>();
  for (const q of questions) {
    if (codes.has(q.code)) problems.push(`question code "${q.code}" appears twice`);
    codes.add(q.code);
    const isList = q.datatype === 'singlevaluelist' || q.datatype === 'multivaluelist';
    if (isList && (q.values ?? []).length === 0) problems.push(`question "${q.code}" is a list: give its values`);
    if (!isList && q.values !== undefined) problems.push(`question "${q.code}" is not a list: it takes no values`);
    const keys = (q.values ?? []).map((v) => v.key);
    if (new Set(keys).size !== keys.length) problems.push(`question "${q.code}" has a value key twice`);
  }
  return problems;
};

/** A territory as the etalab reference data describes it. */
export interface EpciReference {
  readonly siren: string;
  readonly name: string;
  readonly population: number;
  readonly members: readonly { insee: string; name: string; population: number }[];
}
