/**
 * The cell index of boundaries (shared/territory/cell-index.ts): a whole cell must lie inside its
 * boundary, a cell left out must lie outside it, whatever the shape; locate trusts both.
 */
import { cellSize, encodeGeohash } from '../../shared/geo/geohash';
import {
  CELL_PRECISION,
  cellGroupsOf,
  cellOf,
  coverBoundary,
  groupCover,
  groupOf,
  segmentMeetsBox,
  suffixesHold,
} from '../../shared/territory/cell-index';
import { boundaryContains, type Boundary } from '../../shared/territory/geometry';
import { describeWithSharedData, realCommuneBoundaries } from '../support/shared-data';
import { boxPolygon } from '../support/territory-fixtures';

const size = cellSize(CELL_PRECISION);
/** The south-west corner of the cell (column, row) of the precision's grid. */
const corner = (column: number, row: number): [number, number] => [-180 + column * size.lon, -90 + row * size.lat];
const [column0, row0] = [Math.floor((1.44 + 180) / size.lon), Math.floor((43.6 + 90) / size.lat)];

/** A star of 7 points around (lat, lon), spanning some twenty cells: concave, with long thin spikes. */
const star = (lat: number, lon: number, radius: number) => {
  const ring = Array.from({ length: 14 }, (_, i) => {
    const angle = (i * Math.PI) / 7;
    const r = i % 2 === 0 ? radius : radius / 4;
    return [lon + r * Math.cos(angle), lat + r * Math.sin(angle)];
  });
  return { type: 'Polygon' as const, coordinates: [[...ring, ring[0]!]] };
};

/** Points spread over a box, the same every run. */
const pointsOver = ([west, south, east, north]: readonly number[], count: number): [number, number][] => {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, () => [
    south! + random() * (north! - south!),
    west! + random() * (east! - west!),
  ]);
};

/** Every point: in a whole cell ⇒ inside; in no cell of the cover ⇒ outside. Returns how many were in each kind. */
const expectCoverAgrees = (boundary: Boundary, points: readonly [number, number][]) => {
  const cover = coverBoundary(boundary);
  const [whole, border] = [new Set(cover.whole), new Set(cover.border)];
  const seen = { whole: 0, border: 0, outside: 0 };
  for (const [lat, lon] of points) {
    const cell = cellOf(lat, lon);
    const inside = boundaryContains(boundary, lon, lat);
    if (whole.has(cell)) {
      seen.whole++;
      expect({ lat, lon, inside }).toEqual({ lat, lon, inside: true });
    } else if (!border.has(cell)) {
      seen.outside++;
      expect({ lat, lon, inside }).toEqual({ lat, lon, inside: false });
    } else seen.border++;
  }
  return seen;
};

describe('a segment against a box', () => {
  const box = [0, 0, 1, 1] as const;
  test('one crossing the box, one inside it and one touching its corner meet it', () => {
    expect(segmentMeetsBox([-1, 0.5], [2, 0.5], box)).toBe(true);
    expect(segmentMeetsBox([0.2, 0.2], [0.3, 0.4], box)).toBe(true);
    expect(segmentMeetsBox([1, 1], [2, 3], box)).toBe(true);
  });
  test('one passing beside the box, even along its diagonal, does not', () => {
    expect(segmentMeetsBox([-1, 0.5], [-0.1, 3], box)).toBe(false);
    expect(segmentMeetsBox([0.6, -0.5], [1.5, 0.4], box)).toBe(false);
  });
});

describe('covering a boundary with cells', () => {
  test('a square of 4 × 4 cells on the grid: its 4 inner cells are whole, the 12 along its edge and the 20 touching it outside are border', () => {
    const [west, south] = corner(column0, row0);
    const [east, north] = corner(column0 + 4, row0 + 4);
    const cover = coverBoundary(boxPolygon(west, south, east, north));
    expect(cover.whole).toHaveLength(4);
    expect(cover.border).toHaveLength(32);
    const [cLon, cLat] = corner(column0 + 2, row0 + 2);
    expect(cover.whole).toContain(encodeGeohash(cLat - size.lat / 2, cLon - size.lon / 2, CELL_PRECISION));
  });

  test('cells in the hole of a polygon are not whole, and points there are outside', () => {
    const [west, south] = corner(column0, row0);
    const [east, north] = corner(column0 + 10, row0 + 10);
    const [hw, hs] = corner(column0 + 3, row0 + 3);
    const [he, hn] = corner(column0 + 7, row0 + 7);
    const withHole: Boundary = {
      type: 'Polygon',
      coordinates: [boxPolygon(west, south, east, north).coordinates[0]!, boxPolygon(hw, hs, he, hn).coordinates[0]!],
    };
    // The hole is 4 × 4 cells: the 2 × 2 in its middle touch no edge.
    const holeCell = encodeGeohash((hs + hn) / 2 - size.lat / 2, (hw + he) / 2 - size.lon / 2, CELL_PRECISION);
    const cover = coverBoundary(withHole);
    expect(cover.whole).not.toContain(holeCell);
    expect(cover.border).not.toContain(holeCell);
    expect(cover.whole.length).toBeGreaterThan(10);
  });

  test('on a concave star and a MultiPolygon, a whole cell is always inside and a cell left out always outside', () => {
    const shape = star(43.6, 1.44, 0.05);
    const seen = expectCoverAgrees(shape, pointsOver([1.38, 43.54, 1.5, 43.66], 3000));
    // The sample means something: points of each kind.
    expect(Math.min(seen.whole, seen.border, seen.outside)).toBeGreaterThan(50);
    const two: Boundary = {
      type: 'MultiPolygon',
      coordinates: [star(43.6, 1.44, 0.02).coordinates, boxPolygon(1.5, 43.6, 1.53, 43.62).coordinates],
    };
    const seenTwo = expectCoverAgrees(two, pointsOver([1.4, 43.57, 1.55, 43.64], 3000));
    expect(seenTwo.whole).toBeGreaterThan(50);
  });

  test('the groups of a cover name each of its cells once, whole or border, and no other', () => {
    const cover = coverBoundary(star(43.6, 1.44, 0.05));
    const groups = new Map(groupCover(cover).map((g) => [g.group, g]));
    for (const cell of cover.whole) expect(suffixesHold(groups.get(groupOf(cell))!.whole, cell)).toBe(true);
    for (const cell of cover.border) expect(suffixesHold(groups.get(groupOf(cell))!.border, cell)).toBe(true);
    const count = [...groups.values()].reduce((n, g) => n + g.whole.length + g.border.length, 0);
    expect(count).toBe(cover.whole.length + cover.border.length);
    const far = cellOf(43.9, 1.9);
    expect(groups.has(groupOf(far))).toBe(false);
  });

  test('a boundary spanning hundreds of groups is left out of the index', () => {
    expect(cellGroupsOf(boxPolygon(0, 40, 3, 43))).toBeUndefined();
    expect(cellGroupsOf(boxPolygon(1.4, 43.5, 1.5, 43.6))?.length).toBeGreaterThan(0);
  });
});

describeWithSharedData('the cells of the real boundaries of Toulouse Métropole', () => {
  test('for each commune, points in its whole cells are inside it and points in no cell of it are outside', () => {
    for (const feature of realCommuneBoundaries()) {
      expectCoverAgrees(feature.geometry, pointsOver([1.25, 43.5, 1.65, 43.76], 400));
    }
  });
});
