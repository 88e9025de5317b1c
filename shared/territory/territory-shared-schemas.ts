/**
 * The territory's schemas that other contexts' contracts and records reuse: a territory's and a
 * commune's path parameters, a boundary's geometry. Apart from territory-schemas.ts (the territory
 * API's whole contract), which every function importing them would otherwise build at its cold start.
 */
import * as z from 'zod';
import { StorableNumber } from '../kernel/schemas';
import { Insee, Siren } from './territory';

export const TerritoryParams = z.object({ siren: Siren });
export const CommuneParams = z.object({ siren: Siren, insee: Insee });

const Position = z.array(StorableNumber).min(2).max(3);
const LinearRing = z.array(Position);
const PolygonGeometry = z.object({ type: z.literal('Polygon'), coordinates: z.array(LinearRing) });
const MultiPolygonGeometry = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(LinearRing)) });
export const BoundaryGeometry = z.discriminatedUnion('type', [PolygonGeometry, MultiPolygonGeometry]).meta({
  id: 'BoundaryGeometry',
  description: 'GeoJSON Polygon or MultiPolygon, WGS84 longitude/latitude (RFC 7946)',
});
