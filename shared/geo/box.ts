/** Bounding boxes in WGS84 degrees, as GeoJSON's bbox: [west, south, east, north]. Pure. */
import { EARTH_RADIUS_METRES } from './distance';

export type BoundingBox = readonly [number, number, number, number];

export const boxContains = ([west, south, east, north]: BoundingBox, lon: number, lat: number): boolean =>
  lon >= west && lon <= east && lat >= south && lat <= north;

/** The box holding every point within `metres` of (lat, lon). */
export const boxAround = (lat: number, lon: number, metres: number): BoundingBox => {
  const dLat = (metres / EARTH_RADIUS_METRES) * (180 / Math.PI);
  const dLon = dLat / Math.max(Math.cos((lat * Math.PI) / 180), 1e-6);
  return [Math.max(lon - dLon, -180), Math.max(lat - dLat, -90), Math.min(lon + dLon, 180), Math.min(lat + dLat, 90)];
};
