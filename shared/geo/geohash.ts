/**
 * Geohash (base 32, as geohash.org): a point's cell at a precision, its neighbours, the cells
 * covering a box. Nearby reports are found by querying a cell and its eight neighbours; a cell is
 * at least as tall and wide as the search radius, so the nine cells cover the whole circle.
 */
const BASE32 = '0123456789bcdefghjkmnpqrstuvwxyz';

export const encodeGeohash = (lat: number, lon: number, precision: number): string => {
  let [latMin, latMax, lonMin, lonMax] = [-90, 90, -180, 180];
  let hash = '';
  let bits = 0;
  let value = 0;
  let even = true;
  while (hash.length < precision) {
    if (even) {
      const mid = (lonMin + lonMax) / 2;
      if (lon >= mid) {
        value = value * 2 + 1;
        lonMin = mid;
      } else {
        value *= 2;
        lonMax = mid;
      }
    } else {
      const mid = (latMin + latMax) / 2;
      if (lat >= mid) {
        value = value * 2 + 1;
        latMin = mid;
      } else {
        value *= 2;
        latMax = mid;
      }
    }
    even = !even;
    if (++bits === 5) {
      hash += BASE32[value];
      bits = 0;
      value = 0;
    }
  }
  return hash;
};

/** Height and width of a cell, in degrees. */
export const cellSize = (precision: number): { lat: number; lon: number } => {
  const bits = precision * 5;
  const lonBits = Math.ceil(bits / 2);
  return { lat: 180 / 2 ** (bits - lonBits), lon: 360 / 2 ** lonBits };
};

/** The cell of the point and the eight around it (fewer at the poles). */
export const cellWithNeighbours = (lat: number, lon: number, precision: number): string[] => {
  const size = cellSize(precision);
  const cells = new Set<string>();
  for (const dLat of [-1, 0, 1]) {
    for (const dLon of [-1, 0, 1]) {
      const cellLat = lat + dLat * size.lat;
      if (cellLat < -90 || cellLat > 90) continue;
      const cellLon = ((((lon + dLon * size.lon + 180) % 360) + 360) % 360) - 180;
      cells.add(encodeGeohash(cellLat, cellLon, precision));
    }
  }
  return [...cells];
};

/** The cells covering a box [west, south, east, north]; undefined when more than `max` would be needed. */
export const cellsCovering = (
  [west, south, east, north]: readonly [number, number, number, number],
  precision: number,
  max: number,
): string[] | undefined => {
  const size = cellSize(precision);
  const rows = Math.floor(north / size.lat) - Math.floor(south / size.lat) + 1;
  const columns = Math.floor(east / size.lon) - Math.floor(west / size.lon) + 1;
  if (rows * columns > max) return undefined;
  const cells = new Set<string>();
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const lat = Math.min(north, (Math.floor(south / size.lat) + r + 0.5) * size.lat);
      const lon = Math.min(east, (Math.floor(west / size.lon) + c + 0.5) * size.lon);
      cells.add(encodeGeohash(lat, lon, precision));
    }
  }
  return [...cells];
};

/** Metres per degree of latitude, near enough everywhere. */
const METRES_PER_DEGREE = 111_320;

/** The smallest side of a cell at this latitude, in metres. */
export const cellSideMetres = (precision: number, lat: number): number => {
  const size = cellSize(precision);
  return Math.min(size.lat * METRES_PER_DEGREE, size.lon * METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180));
};
