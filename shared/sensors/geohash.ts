/**
 * Geohashes, so "sensors in this box" is a few range reads on a sort key rather than a filter over
 * every sensor. A geohash is a prefix code: every point of a cell has a hash starting with the
 * cell's hash. Pure.
 */
import { distanceMetres, EARTH_RADIUS_METRES } from '../geo/distance';
import { encodeGeohash as encodeAtPrecision } from '../geo/geohash';

export const GEOHASH_PRECISION = 9; // cells of about 4.8 m × 4.8 m

/** [west, south, east, north] in degrees (WGS84), as GeoJSON's bbox. */
export type BBox = readonly [number, number, number, number];

export const encodeGeohash = (lat: number, lon: number, precision = GEOHASH_PRECISION): string =>
  encodeAtPrecision(lat, lon, precision);

/** Width and height in degrees of a cell at this precision. */
const cellSize = (precision: number): { width: number; height: number } => {
  const bits = precision * 5;
  return { width: 360 / 2 ** Math.ceil(bits / 2), height: 180 / 2 ** Math.floor(bits / 2) };
};

const cellsAt = (box: BBox, precision: number): string[] => {
  const [west, south, east, north] = box;
  const { width, height } = cellSize(precision);
  const column = (lon: number) => Math.floor((lon + 180) / width);
  const row = (lat: number) => Math.floor((Math.min(lat, 90 - 1e-12) + 90) / height);
  const cells: string[] = [];
  for (let r = row(south); r <= row(north); r++) {
    for (let c = column(west); c <= column(Math.min(east, 180 - 1e-12)); c++) {
      cells.push(encodeGeohash(-90 + (r + 0.5) * height, -180 + (c + 0.5) * width, precision));
    }
  }
  return cells;
};

const countAt = (box: BBox, precision: number): number => {
  const [west, south, east, north] = box;
  const { width, height } = cellSize(precision);
  return (
    (Math.floor((north + 90) / height) - Math.floor((south + 90) / height) + 1) *
    (Math.floor((east + 180) / width) - Math.floor((west + 180) / width) + 1)
  );
};

/**
 * Geohash prefixes whose cells together cover the box: the finest precision that needs at most
 * `maxCells` of them. Every point of the box has a hash starting with one of them (the cells may
 * reach beyond the box: callers still test each point). An empty prefix means "everything".
 */
export const coveringPrefixes = (box: BBox, maxCells = 12): string[] => {
  for (let precision = GEOHASH_PRECISION; precision >= 1; precision--) {
    if (countAt(box, precision) <= maxCells) return [...new Set(cellsAt(box, precision))].sort();
  }
  return [''];
};

export const boxContainsPoint = (box: BBox, lat: number, lon: number): boolean =>
  lon >= box[0] && lon <= box[2] && lat >= box[1] && lat <= box[3];

const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export const distanceMeters = (lat1: number, lon1: number, lat2: number, lon2: number): number =>
  distanceMetres({ lat: lat1, lon: lon1 }, { lat: lat2, lon: lon2 });

/** The box holding every point within `meters` of (lat, lon). */
export const boxAround = (lat: number, lon: number, meters: number): BBox => {
  const dLat = (meters / EARTH_RADIUS_METRES) * (180 / Math.PI);
  const dLon = dLat / Math.max(Math.cos(radians(lat)), 1e-6);
  return [Math.max(lon - dLon, -180), Math.max(lat - dLat, -90), Math.min(lon + dLon, 180), Math.min(lat + dLat, 90)];
};
