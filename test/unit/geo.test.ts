import { cellSideMetres, cellsCovering, cellWithNeighbours, encodeGeohash } from '../../shared/geo/geohash';
import { boxAround, boxContains } from '../../shared/geo/box';
import { distanceMetres } from '../../shared/geo/distance';

test('encodes as geohash.org does', () => {
  // The classic example: 57.64911, 10.40744 is u4pruydqqvj.
  expect(encodeGeohash(57.64911, 10.40744, 11)).toBe('u4pruydqqvj');
  expect(encodeGeohash(57.64911, 10.40744, 5)).toBe('u4pru');
  expect(encodeGeohash(43.6045, 1.4442, 5)).toBe('spc00');
});

test('distance from the Capitole to Matabiau station is about 1.2 km', () => {
  const metres = distanceMetres({ lat: 43.6045, lon: 1.4442 }, { lat: 43.6114, lon: 1.4536 });
  expect(metres).toBeGreaterThan(1000);
  expect(metres).toBeLessThan(1200);
});

test('the box around a point holds every point within the distance, and no point much further', () => {
  const box = boxAround(43.6045, 1.4442, 1000);
  expect(boxContains(box, 1.4442, 43.6045 + 0.0089)).toBe(true); // ~990 m north
  expect(boxContains(box, 1.4442 + 0.0123, 43.6045)).toBe(true); // ~990 m east
  expect(boxContains(box, 1.4442, 43.6045 + 0.0095)).toBe(false);
});

test("a point's nine cells at precision 6 hold every point within 500 m of it", () => {
  const centre = { lat: 43.6045, lon: 1.4442 };
  expect(cellSideMetres(6, centre.lat)).toBeGreaterThanOrEqual(500);
  const cells = new Set(cellWithNeighbours(centre.lat, centre.lon, 6));
  expect(cells.size).toBe(9);
  for (let bearing = 0; bearing < 360; bearing += 15) {
    const rad = (bearing * Math.PI) / 180;
    const point = {
      lat: centre.lat + (500 / 111_320) * Math.cos(rad),
      lon: centre.lon + (500 / (111_320 * Math.cos((centre.lat * Math.PI) / 180))) * Math.sin(rad),
    };
    expect(distanceMetres(centre, point)).toBeCloseTo(500, -1);
    expect(cells.has(encodeGeohash(point.lat, point.lon, 6))).toBe(true);
  }
});

test('the cells covering a box hold every point of it, and a box too large is refused', () => {
  const box = [1.4, 43.58, 1.48, 43.63] as const;
  const cells = new Set(cellsCovering(box, 5, 64));
  for (let lat = box[1]; lat <= box[3]; lat += 0.005) {
    for (let lon = box[0]; lon <= box[2]; lon += 0.005) expect(cells.has(encodeGeohash(lat, lon, 5))).toBe(true);
  }
  expect(cellsCovering([0, 40, 5, 45], 5, 64)).toBeUndefined();
});
