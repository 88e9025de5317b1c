/**
 * Commune boundaries: GeoJSON Polygon or MultiPolygon in WGS84 (RFC 7946). Pure geometry: checks
 * that explain what is wrong, bounding boxes, point in polygon.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { InvalidInputError } from '../kernel/errors';

export type Position = readonly number[];
export type Ring = readonly Position[];
export type Boundary =
  | { readonly type: 'Polygon'; readonly coordinates: readonly Ring[] }
  | { readonly type: 'MultiPolygon'; readonly coordinates: readonly (readonly Ring[])[] };

/** [west, south, east, north] */
export type { BoundingBox } from '../geo/box';
import type { BoundingBox } from '../geo/box';

const polygonsOf = (boundary: Boundary): readonly (readonly Ring[])[] =>
  boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates;

const invalid = (why: string): never => {
  throw new InvalidInputError(`Invalid boundary: ${why}`, [{ path: 'body.coordinates', message: why }]);
};

type Segment = { a: Position; b: Position; ring: number; index: number; ringLength: number };

const orientation = (p: Position, q: Position, r: Position): number =>
  Math.sign((q[1]! - p[1]!) * (r[0]! - q[0]!) - (q[0]! - p[0]!) * (r[1]! - q[1]!));

/** True when the two segments cross at a point inside both (touching at an end does not count). */
const properlyCross = (s: Segment, t: Segment): boolean => {
  const o1 = orientation(s.a, s.b, t.a);
  const o2 = orientation(s.a, s.b, t.b);
  const o3 = orientation(t.a, t.b, s.a);
  const o4 = orientation(t.a, t.b, s.b);
  return o1 * o2 < 0 && o3 * o4 < 0;
};

const adjacent = (s: Segment, t: Segment): boolean =>
  s.ring === t.ring && (Math.abs(s.index - t.index) === 1 || Math.abs(s.index - t.index) === s.ringLength - 1);

/** Finds two edges of a polygon's rings that cross, with a sweep along x. */
const findCrossing = (rings: readonly Ring[]): [Segment, Segment] | undefined => {
  const segments: Segment[] = rings.flatMap((ring, r) =>
    ring.slice(1).map((b, i) => ({ a: ring[i]!, b, ring: r, index: i, ringLength: ring.length - 1 })),
  );
  const minX = (s: Segment) => Math.min(s.a[0]!, s.b[0]!);
  const maxX = (s: Segment) => Math.max(s.a[0]!, s.b[0]!);
  segments.sort((s, t) => minX(s) - minX(t));
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    for (let j = i + 1; j < segments.length && minX(segments[j]!) <= maxX(s); j++) {
      const t = segments[j]!;
      if (!adjacent(s, t) && properlyCross(s, t)) return [s, t];
    }
  }
  return undefined;
};

const checkRing = (ring: Ring, where: string): void => {
  if (ring.length < 4) invalid(`${where} has ${ring.length} positions; a linear ring needs at least 4`);
  ring.forEach((position, i) => {
    const [lon, lat] = position;
    if (position.length < 2 || !Number.isFinite(lon) || !Number.isFinite(lat)) {
      invalid(`${where}, position ${i} is not a [longitude, latitude] pair of numbers`);
    }
    if (lon! < -180 || lon! > 180 || lat! < -90 || lat! > 90) {
      invalid(`${where}, position ${i} [${lon}, ${lat}] is outside WGS84 longitude/latitude ranges`);
    }
  });
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1])
    invalid(`${where} is not closed: its first and last positions differ`);
  if (new Set(ring.map((p) => `${p[0]},${p[1]}`)).size < 3) invalid(`${where} has fewer than 3 distinct positions`);
};

/** Throws an InvalidInputError saying what is wrong, or returns the boundary unchanged. */
export const checkBoundary = (boundary: Boundary): Boundary => {
  const polygons = polygonsOf(boundary);
  if (polygons.length === 0) invalid('a MultiPolygon needs at least one polygon');
  polygons.forEach((rings, p) => {
    const name = boundary.type === 'Polygon' ? 'polygon' : `polygon ${p}`;
    if (rings.length === 0) invalid(`${name} has no exterior ring`);
    rings.forEach((ring, r) => checkRing(ring, `${name}, ring ${r}`));
    const crossing = findCrossing(rings);
    if (crossing) {
      const [s, t] = crossing;
      invalid(`${name} intersects itself: edge ${s.index} of ring ${s.ring} crosses edge ${t.index} of ring ${t.ring}`);
    }
  });
  return boundary;
};

export const boundingBox = (boundary: Boundary): BoundingBox => {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const rings of polygonsOf(boundary)) {
    for (const [lon, lat] of rings[0] ?? []) {
      west = Math.min(west, lon!);
      east = Math.max(east, lon!);
      south = Math.min(south, lat!);
      north = Math.max(north, lat!);
    }
  }
  return [west, south, east, north];
};

export const boundaryContains = (boundary: Boundary, lon: number, lat: number): boolean =>
  booleanPointInPolygon([lon, lat], boundary as Parameters<typeof booleanPointInPolygon>[1]);

export const vertexCount = (boundary: Boundary): number =>
  polygonsOf(boundary).reduce((n, rings) => n + rings.reduce((m, ring) => m + ring.length, 0), 0);
