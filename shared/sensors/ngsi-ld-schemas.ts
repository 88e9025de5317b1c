/**
 * The HTTP contract of the NGSI-LD routes added beside the entity ones (sensors-schemas.ts):
 * entity types, and the temporal query over several entities.
 */
import * as z from 'zod';
import { NgsiLdEntitiesQuery, NgsiLdTemporalQuery } from './sensors-schemas';

const text = (description: string, example?: string) =>
  z
    .string()
    .optional()
    .meta({ description, ...(example ? { example } : {}) });

export const NgsiLdTypesQuery = z.object({
  details: text('true: EntityType items with their attribute names instead of one EntityTypeList', 'true'),
});

export const NgsiLdTypeParams = z.object({
  type: z.string().meta({
    description: 'A type name, short or expanded under the Smart Data Models context',
    example: 'AirQualityObserved',
  }),
});

/** Entities are selected as in the entity query; the range and representation as for one temporal entity. */
export const NgsiLdTemporalEntitiesQuery = NgsiLdEntitiesQuery.omit({
  count: true,
  limit: true,
  options: true,
  format: true,
})
  .extend(NgsiLdTemporalQuery.shape)
  .extend({
    limit: text('Entities per page (default 20, at most 50)'),
    count: text('true: the number of entities selected goes in the NGSILD-Results-Count header'),
    lastN: text('Only the last N instances per attribute (at most 100 over several entities)'),
    timeproperty: text('observedAt (the only time property kept)'),
  });

const EntityTypeList = z
  .object({ id: z.string(), type: z.literal('EntityTypeList'), typeList: z.array(z.string()) })
  .catchall(z.unknown())
  .meta({ id: 'NgsiLdEntityTypeList' });
const EntityType = z
  .object({ id: z.string(), type: z.literal('EntityType'), typeName: z.string(), attributeNames: z.array(z.string()) })
  .catchall(z.unknown())
  .meta({ id: 'NgsiLdEntityType' });

/** Without details one EntityTypeList; with details=true an array of EntityType. */
export const NgsiLdTypesView = z.union([EntityTypeList, z.array(EntityType)]);

export const NgsiLdTypeInfoView = z
  .object({
    id: z.string(),
    type: z.literal('EntityTypeInfo'),
    typeName: z.string(),
    entityCount: z.number().int(),
    attributeDetails: z.array(
      z.object({
        id: z.string(),
        type: z.literal('Attribute'),
        attributeName: z.string(),
        attributeTypes: z.array(z.string()),
      }),
    ),
  })
  .catchall(z.unknown())
  .meta({ id: 'NgsiLdEntityTypeInfo' });
