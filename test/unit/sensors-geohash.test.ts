/** Sensors' places: the geohash prefixes a box query reads (sensors.ts), on shared/geo. */
import { encodeGeohash } from '../../shared/geo/geohash';
import { coveringPrefixes, PLACE_GEOHASH_PRECISION, type BBox } from '../../shared/sensors/sensors';

describe('sensor places', () => {
  test('the prefixes covering a box hold the geohash of every point inside it', () => {
    const boxes: BBox[] = [
      [1.4, 43.58, 1.47, 43.62], // central Toulouse
      [1.2, 43.5, 1.6, 43.75], // the whole metropolis
      [1.4441, 43.6044, 1.4443, 43.6046], // a few metres
    ];
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (const box of boxes) {
      const prefixes = coveringPrefixes(box);
      expect(prefixes.length).toBeLessThanOrEqual(12);
      for (let i = 0; i < 200; i++) {
        const lon = box[0] + random() * (box[2] - box[0]);
        const lat = box[1] + random() * (box[3] - box[1]);
        const hash = encodeGeohash(lat, lon, PLACE_GEOHASH_PRECISION);
        expect(prefixes.some((prefix) => hash.startsWith(prefix))).toBe(true);
      }
    }
  });

  test('a small box is covered by fine cells, a large one by coarse cells', () => {
    expect(coveringPrefixes([1.4441, 43.6044, 1.4443, 43.6046])[0]!.length).toBeGreaterThanOrEqual(6);
    expect(coveringPrefixes([1.2, 43.5, 1.6, 43.75])[0]!.length).toBeLessThanOrEqual(4);
  });
});
