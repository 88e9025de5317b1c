/**
 * The territory context's HTTP contract: zod schemas that validate requests at the edge and write
 * the OpenAPI document.
 */
import { z } from 'zod';
import { BusinessCalendarSchema } from '../calendar/calendar-schemas';

export const Siren = z
  .string()
  .regex(/^\d{9}$/, 'a SIREN is 9 digits')
  .meta({ example: '243100518' });
export const Insee = z
  .string()
  .regex(/^(\d{5}|2[AB]\d{3})$/, 'an INSEE commune code is 5 characters, e.g. 31555 or 2A004')
  .meta({ example: '31555' });
const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'lowercase letters, digits and dashes, 2 to 40 characters');

export const TerritoryParams = z.object({ siren: Siren });
export const CommuneParams = z.object({ siren: Siren, insee: Insee });
export const ServiceParams = z.object({ siren: Siren, bodyId: z.union([Siren, Insee]), serviceId: Slug });
export const BodyParams = z.object({ siren: Siren, bodyId: z.union([Siren, Insee]) });
export const CategoryParams = z.object({ siren: Siren, code: Slug });
export const OverrideParams = z.object({ siren: Siren, code: Slug, insee: Insee });

export const LocateQuery = z.object({
  lat: z.coerce.number().min(-90).max(90).meta({ example: 43.6045 }),
  lon: z.coerce.number().min(-180).max(180).meta({ example: 1.4442 }),
});
export const CompetenceQuery = z.object({ insee: Insee });

const BBox = z
  .tuple([z.number(), z.number(), z.number(), z.number()])
  .meta({ description: '[west, south, east, north]' });

const Position = z.array(z.number()).min(2).max(3);
const LinearRing = z.array(Position);
const PolygonGeometry = z.object({ type: z.literal('Polygon'), coordinates: z.array(LinearRing) });
const MultiPolygonGeometry = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(LinearRing)) });
export const BoundaryGeometry = z.discriminatedUnion('type', [PolygonGeometry, MultiPolygonGeometry]).meta({
  id: 'BoundaryGeometry',
  description: 'GeoJSON Polygon or MultiPolygon, WGS84 longitude/latitude (RFC 7946)',
});

export const SetBoundaryBody = z
  .object({
    geometry: BoundaryGeometry,
    source: z
      .string()
      .min(1)
      .max(200)
      .default('imported')
      .meta({ description: 'Where the boundary comes from', example: 'IGN Admin Express' }),
  })
  .meta({ id: 'SetBoundaryRequest' });

const Competence = z.object({
  level: z
    .enum(['territory', 'commune'])
    .meta({ description: 'The metropolis (transferred competence) or the commune' }),
  service: Slug.optional().meta({ description: 'Service of that body handling the category' }),
});

const QuestionDatatype = z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']);

export const CategoryQuestion = z
  .object({
    code: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lowercase letters, digits, dashes and underscores, 1 to 40 characters'),
    label: z.string().min(1).max(200),
    datatype: QuestionDatatype.meta({ description: 'As Open311 GeoReport v2 attributes' }),
    required: z.boolean().default(false),
    description: z.string().max(1000).optional(),
    values: z
      .array(z.object({ key: z.string().min(1).max(60), name: z.string().min(1).max(200) }))
      .max(50)
      .optional()
      .meta({ description: 'Choices of a singlevaluelist or multivaluelist' }),
  })
  .meta({
    id: 'CategoryQuestion',
    example: {
      code: 'depth',
      label: 'Profondeur estimée',
      datatype: 'singlevaluelist',
      required: true,
      values: [{ key: 'shallow', name: 'Moins de 5 cm' }],
    },
  });

const SlaHours = z
  .number()
  .int()
  .min(1)
  .max(24 * 365)
  .meta({ description: 'Target time to resolve, in business hours of the responsible body', example: 40 });

export const SaveServiceBody = z
  .object({ name: z.string().min(1).max(120), email: z.email().optional() })
  .meta({ id: 'SaveServiceRequest' });
export const SaveCategoryBody = z
  .object({
    name: z.string().min(1).max(120),
    description: z.string().max(2000).optional(),
    competence: Competence,
    questions: z.array(CategoryQuestion).max(30).optional(),
    slaHours: SlaHours.optional(),
    active: z.boolean().optional().meta({ description: 'False withdraws the category: no new report in it' }),
  })
  .meta({ id: 'SaveCategoryRequest' });
export const SaveOverrideBody = Competence.meta({ id: 'SaveOverrideRequest' });

const BoundarySummary = z.object({
  source: z.string(),
  bbox: BBox,
  vertices: z.number(),
  sha256: z.string(),
  version: z.number(),
  updatedAt: z.string(),
});

export const TerritoryView = z
  .object({
    siren: Siren,
    name: z.string(),
    population: z.number(),
    communeCount: z.number(),
    demo: z.boolean(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Territory' });

export const CommuneView = z
  .object({
    siren: Siren,
    insee: Insee,
    name: z.string(),
    population: z.number(),
    boundary: BoundarySummary.optional(),
  })
  .meta({ id: 'Commune' });

export const CommuneWithBoundaryView = CommuneView.extend({ geometry: BoundaryGeometry.optional() }).meta({
  id: 'CommuneWithBoundary',
});

export const ServiceView = z
  .object({ id: Slug, name: z.string(), email: z.string().optional(), version: z.number() })
  .meta({ id: 'Service' });

export const BodySlaBody = z
  .object({
    calendar: BusinessCalendarSchema,
    escalationEmails: z
      .array(z.email())
      .max(20)
      .meta({ description: "The body's managers, told once when a report goes past due" }),
  })
  .meta({ id: 'SaveBodySlaRequest' });

const BodySlaView = BodySlaBody.extend({ version: z.number() }).meta({ id: 'BodySla' });

export const BodyView = z
  .object({
    id: z.string(),
    kind: z.enum(['territory', 'commune']),
    name: z.string(),
    services: z.array(ServiceView),
    sla: BodySlaView.optional(),
  })
  .meta({ id: 'Body' });

const OverrideView = Competence.extend({ insee: Insee, version: z.number() }).meta({ id: 'CategoryOverride' });

export const CategoryView = z
  .object({
    code: Slug,
    name: z.string(),
    description: z.string().optional(),
    questions: z.array(CategoryQuestion).optional(),
    slaHours: SlaHours.optional(),
    active: z.boolean().optional(),
    competence: Competence,
    overrides: z.array(OverrideView),
    version: z.number(),
  })
  .meta({ id: 'Category' });

export const ResolvedCompetenceView = z
  .object({
    bodyId: z.string(),
    bodyKind: z.enum(['territory', 'commune']),
    service: z.string().optional(),
    overridden: z.boolean(),
  })
  .meta({ id: 'ResolvedCompetence' });

export const ImportResultView = z
  .object({ territory: TerritoryView, created: z.number(), updated: z.number() })
  .meta({ id: 'ImportResult' });

export const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
