/**
 * The territory context's HTTP contract: zod schemas that validate requests at the edge and write
 * the OpenAPI document.
 */
import * as z from 'zod';
import { decimalParam } from '../kernel/schemas';
import { BusinessCalendarSchema } from '../calendar/calendar-schemas';
import {
  BodyRecord,
  PublicBodyRecord,
  BodySlaRecord,
  CategoryOverrideRecord,
  CategoryQuestionRecord,
  CategoryRecord,
  CommuneRecord,
  CompetenceRecord,
  Insee,
  ServiceRecord,
  Siren,
  Slug,
  SlaHours,
  TerritoryRecord,
} from './territory';
import { BoundaryGeometry } from './territory-shared-schemas';

export { Insee, Siren } from './territory';
export { BoundaryGeometry, CommuneParams, TerritoryParams } from './territory-shared-schemas';

export const ServiceParams = z.object({ siren: Siren, bodyId: z.union([Siren, Insee]), serviceId: Slug });
export const BodyParams = z.object({ siren: Siren, bodyId: z.union([Siren, Insee]) });
export const CategoryParams = z.object({ siren: Siren, code: Slug });
export const OverrideParams = z.object({ siren: Siren, code: Slug, insee: Insee });

export const LocateQuery = z.object({
  lat: decimalParam(z.number().min(-90).max(90)).meta({ example: 43.6045 }),
  lon: decimalParam(z.number().min(-180).max(180)).meta({ example: 1.4442 }),
});
export const CompetenceQuery = z.object({ insee: Insee });

// Storable: a commune's bounding box is computed from them and kept as numbers.
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

export const CategoryQuestion = CategoryQuestionRecord.meta({
  id: 'CategoryQuestion',
  example: {
    code: 'depth',
    label: 'Profondeur estimée',
    datatype: 'singlevaluelist',
    required: true,
    values: [{ key: 'shallow', name: 'Moins de 5 cm' }],
  },
});

export const SaveServiceBody = z
  .object({ name: z.string().min(1).max(120), email: z.email().optional() })
  .meta({ id: 'SaveServiceRequest' });
export const SaveCategoryBody = z
  .object({
    name: z.string().min(1).max(120),
    description: z.string().max(2000).optional(),
    competence: CompetenceRecord,
    questions: z.array(CategoryQuestion).max(30).optional(),
    slaHours: SlaHours.optional(),
    active: z.boolean().optional().meta({ description: 'False withdraws the category: no new report in it' }),
  })
  .meta({ id: 'SaveCategoryRequest' });
export const SaveOverrideBody = CompetenceRecord.meta({ id: 'SaveOverrideRequest' });

export const TerritoryView = TerritoryRecord.meta({ id: 'Territory' });
export const CommuneView = CommuneRecord.meta({ id: 'Commune' });

export const CommuneWithBoundaryView = CommuneView.extend({ geometry: BoundaryGeometry.optional() }).meta({
  id: 'CommuneWithBoundary',
});

export const ServiceView = ServiceRecord.meta({ id: 'Service' });

export const BodySlaBody = z
  .object({
    calendar: BusinessCalendarSchema,
    escalationEmails: z
      .array(z.email())
      .max(20)
      .meta({ description: "The body's managers, told once when a report goes past due" }),
  })
  .meta({ id: 'SaveBodySlaRequest' });

export const BodySlaView = BodySlaRecord.meta({ id: 'BodySla' });
export const BodyView = BodyRecord.meta({ id: 'BodyWithContacts' });
/** What anyone sees of a body: no staff e-mail address. */
export const PublicBodyView = PublicBodyRecord.meta({ id: 'Body' });
export const OverrideView = CategoryOverrideRecord.meta({ id: 'CategoryOverride' });
export const CategoryView = CategoryRecord.meta({ id: 'Category' });

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
