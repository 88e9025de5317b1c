/**
 * Approximate commune boundaries for the demo territory: Voronoi cells around each commune's
 * centroid, clipped to the centroids' convex hull grown by a margin. Good enough to route a
 * point to its commune near the centroids; real boundaries (IGN Admin Express) replace them
 * through PUT /territories/{siren}/communes/{insee}/boundary.
 */
import { Delaunay } from 'd3-delaunay';
import type { Boundary } from '../../../shared/territory/geometry';

export interface Centroid {
  readonly insee: string;
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
}

type Point = [number, number];

/** How far (degrees, projected) the territory's outline extends beyond the outermost centroids. */
const MARGIN = 0.035;

export const parseCentroidsCsv = (csv: string): Centroid[] =>
  csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [insee, name, lat, lon] = line.split(',');
      return { insee: insee!, name: name!, lat: Number(lat), lon: Number(lon) };
    });

/** Sutherland–Hodgman: clips a polygon by a convex, counter-clockwise polygon. */
const clipConvex = (subject: Point[], clip: Point[]): Point[] => {
  const inside = (p: Point, a: Point, b: Point) => (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) >= 0;
  const intersection = (p: Point, q: Point, a: Point, b: Point): Point => {
    const [x1, y1, x2, y2, x3, y3, x4, y4] = [p[0], p[1], q[0], q[1], a[0], a[1], b[0], b[1]];
    const d = (x1 - x2) * (y3 - y4) - (y1 - y2) * (x3 - x4);
    const t = ((x1 - x3) * (y3 - y4) - (y1 - y3) * (x3 - x4)) / d;
    return [x1 + t * (x2 - x1), y1 + t * (y2 - y1)];
  };
  let output = subject;
  clip.forEach((a, i) => {
    const b = clip[(i + 1) % clip.length]!;
    const input = output;
    output = [];
    input.forEach((q, j) => {
      const p = input[(j + input.length - 1) % input.length]!;
      if (inside(q, a, b)) {
        if (!inside(p, a, b)) output.push(intersection(p, q, a, b));
        output.push(q);
      } else if (inside(p, a, b)) output.push(intersection(p, q, a, b));
    });
  });
  return output;
};

const signedArea = (ring: Point[]) =>
  ring.reduce((sum, [x1, y1], i) => {
    const [x2, y2] = ring[(i + 1) % ring.length]!;
    return sum + (x1 * y2 - x2 * y1);
  }, 0) / 2;

export const approximateBoundaries = (centroids: readonly Centroid[]): Map<string, Boundary> => {
  // Work in a plane where a degree of longitude is as long as one of latitude.
  const meanLat = centroids.reduce((s, c) => s + c.lat, 0) / centroids.length;
  const k = Math.cos((meanLat * Math.PI) / 180);
  const points: Point[] = centroids.map((c) => [c.lon * k, c.lat]);
  const delaunay = Delaunay.from(points);

  const hull = [...delaunay.hull].map((i) => points[i]!);
  const [cx, cy] = [hull.reduce((s, p) => s + p[0], 0) / hull.length, hull.reduce((s, p) => s + p[1], 0) / hull.length];
  let outline: Point[] = hull.map(([x, y]) => {
    const length = Math.hypot(x - cx, y - cy);
    return [x + ((x - cx) / length) * MARGIN, y + ((y - cy) / length) * MARGIN];
  });
  if (signedArea(outline) < 0) outline = outline.reverse();

  const xs = outline.map((p) => p[0]);
  const ys = outline.map((p) => p[1]);
  const voronoi = delaunay.voronoi([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);

  const boundaries = new Map<string, Boundary>();
  centroids.forEach((centroid, i) => {
    let cell = (voronoi.cellPolygon(i) as Point[]).slice(0, -1);
    if (signedArea(cell) < 0) cell = cell.reverse();
    const ring = clipConvex(cell, outline).map(([x, y]): Point => [Number((x / k).toFixed(6)), Number(y.toFixed(6))]);
    boundaries.set(centroid.insee, { type: 'Polygon', coordinates: [[...ring, ring[0]!]] });
  });
  return boundaries;
};
