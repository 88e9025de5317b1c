/**
 * The territory context: an EPCI (identified by its SIREN) and its member communes (INSEE codes),
 * the bodies that act in it (the metropolis and each commune) with their services, and report
 * categories with the competence table saying which body handles each. Pure types and rules.
 */
import * as z from 'zod';
import { BusinessCalendarSchema } from '../calendar/calendar-schemas';

// The records of the context, as stored and as shown: one zod schema each, the types derived from
// them (territory-schemas.ts builds the API's views on the same schemas).

export const Siren = z
  .string()
  .regex(/^\d{9}$/, 'a SIREN is 9 digits')
  .meta({ example: '243100518' });
export const Insee = z
  .string()
  .regex(/^(\d{5}|2[AB]\d{3})$/, 'an INSEE commune code is 5 characters, e.g. 31555 or 2A004')
  .meta({ example: '31555' });
export const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'lowercase letters, digits and dashes, 2 to 40 characters');
export const BBox = z
  .tuple([z.number(), z.number(), z.number(), z.number()])
  .readonly()
  .meta({ description: '[west, south, east, north]' });

export const TerritoryRecord = z.object({
  siren: Siren,
  name: z.string(),
  population: z.number(),
  communeCount: z.number(),
  /**
   * Postal codes of its communes that communes outside it also use (etalab's codesPostaux, at
   * import): they prove no residence here. Absent when imported before this was recorded.
   */
  sharedPostalCodes: z.array(z.string()).optional(),
  /** Demo data, not an authoritative source. */
  demo: z.boolean(),
  updatedAt: z.string(),
});
export type Territory = z.output<typeof TerritoryRecord>;

export const BoundarySummaryRecord = z.object({
  /** Where the boundary comes from, e.g. "IGN Admin Express" or "demo: approximate". */
  source: z.string(),
  bbox: BBox,
  vertices: z.number(),
  sha256: z.string(),
  version: z.number(),
  updatedAt: z.string(),
});

export const CommuneRecord = z.object({
  siren: Siren,
  insee: Insee,
  name: z.string(),
  population: z.number(),
  /** Its postal codes, from etalab's codesPostaux at import (a city may have several). */
  postalCodes: z.array(z.string()).optional(),
  boundary: BoundarySummaryRecord.optional(),
});
export type Commune = z.output<typeof CommuneRecord>;

export const BODY_KINDS = ['territory', 'commune'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

export const ServiceRecord = z.object({
  /** Slug, unique within its body. */
  id: Slug,
  name: z.string(),
  email: z.string().optional(),
  version: z.number(),
});
export type Service = z.output<typeof ServiceRecord>;

/** How a body counts SLA time and whom it tells when a report goes past due. */
export const BodySlaRecord = z.object({
  calendar: BusinessCalendarSchema,
  /** The body's managers: told once when one of its reports goes past due. */
  escalationEmails: z.array(z.email()).max(20).readonly(),
  version: z.number(),
});
export type BodySla = z.output<typeof BodySlaRecord>;

/** An authority that handles reports: the metropolis (id = SIREN) or a commune (id = INSEE code). */
export const BodyRecord = z.object({
  id: z.string(),
  kind: z.enum(BODY_KINDS),
  name: z.string(),
  services: z.array(ServiceRecord).readonly(),
  /** Working hours and escalation; the default calendar applies while none is set. */
  sla: BodySlaRecord.optional(),
});
export type Body = z.output<typeof BodyRecord>;

/**
 * A body as anyone may see it: staff e-mail addresses (a service's mailbox, the managers told of
 * overdue reports) are for the territory's agents only (GDPR minimisation, shared/privacy).
 */
export const PublicBodyRecord = BodyRecord.extend({
  services: z.array(ServiceRecord.omit({ email: true })).readonly(),
  sla: BodySlaRecord.omit({ escalationEmails: true }).optional(),
});
export type PublicBody = z.output<typeof PublicBodyRecord>;

export const publicBody = (body: Body): PublicBody => ({
  id: body.id,
  kind: body.kind,
  name: body.name,
  services: body.services.map(({ email: _email, ...service }) => service),
  ...(body.sla ? { sla: { calendar: body.sla.calendar, version: body.sla.version } } : {}),
});

/** Which level of government is competent, and which of its services handles the item. */
export const CompetenceRecord = z.object({
  level: z.enum(BODY_KINDS).meta({ description: 'The metropolis (transferred competence) or the commune' }),
  service: Slug.optional().meta({ description: 'Service of that body handling the category' }),
});
export type Competence = z.output<typeof CompetenceRecord>;

export const CategoryOverrideRecord = CompetenceRecord.extend({ insee: Insee, version: z.number() });
export type CategoryOverride = z.output<typeof CategoryOverrideRecord>;

/** Datatypes of a category question, as Open311 GeoReport v2 names its attributes' datatypes. */
export const QUESTION_DATATYPES = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
] as const;

/** A question asked when reporting in a category (an Open311 attribute). */
export const CategoryQuestionRecord = z.object({
  /** Unique within the category. */
  code: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lowercase letters, digits, dashes and underscores, 1 to 40 characters'),
  label: z.string().min(1).max(200),
  datatype: z.enum(QUESTION_DATATYPES).meta({ description: 'As Open311 GeoReport v2 attributes' }),
  required: z.boolean().default(false),
  description: z.string().max(1000).optional(),
  /** The choices of a single or multi value list. */
  values: z
    .array(z.object({ key: z.string().min(1).max(60), name: z.string().min(1).max(200) }))
    .max(50)
    .readonly()
    .optional()
    .meta({ description: 'Choices of a singlevaluelist or multivaluelist' }),
});
export type CategoryQuestion = z.output<typeof CategoryQuestionRecord>;

export const SlaHours = z
  .number()
  .int()
  .min(1)
  .max(24 * 365)
  .meta({ description: 'Target time to resolve, in business hours of the responsible body', example: 40 });

export const CategoryRecord = z.object({
  code: Slug,
  name: z.string(),
  description: z.string().optional(),
  /** Asked when reporting, in this order. */
  questions: z.array(CategoryQuestionRecord).readonly().optional(),
  /** Target time to resolve a report, in business hours of the responsible body. */
  slaHours: SlaHours.optional(),
  /** False once the category is withdrawn: no new report in it. @default true */
  active: z.boolean().optional(),
  /** Default for every commune of the territory. */
  competence: CompetenceRecord,
  /** Communes where another level (or service) is competent. */
  overrides: z.array(CategoryOverrideRecord).readonly(),
  version: z.number(),
});
export type Category = z.output<typeof CategoryRecord>;

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
  readonly members: readonly { insee: string; name: string; population: number; postalCodes?: readonly string[] }[];
  /** Its members' postal codes that communes outside it also use. */
  readonly sharedPostalCodes?: readonly string[];
}
