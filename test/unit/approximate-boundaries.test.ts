import { readFileSync } from 'node:fs';
import { approximateBoundaries, parseCentroidsCsv } from '../../infra/local/demo/approximate-boundaries';
import { boundaryContains, checkBoundary } from '../../shared/territory/geometry';

const centroids = parseCentroidsCsv(
  readFileSync(new URL('../../infra/local/demo/toulouse-metropole-centroids.csv', import.meta.url), 'utf8'),
);
const boundaries = approximateBoundaries(centroids);

describe('approximate demo boundaries', () => {
  test('there is one valid polygon per commune of Toulouse Métropole', () => {
    expect(boundaries.size).toBe(37);
    for (const boundary of boundaries.values()) expect(() => checkBoundary(boundary)).not.toThrow();
  });

  test("each commune's centroid lies in its own cell and in no other", () => {
    for (const { insee, lat, lon } of centroids) {
      const containing = [...boundaries].filter(([, b]) => boundaryContains(b, lon, lat)).map(([code]) => code);
      expect(containing).toEqual([insee]);
    }
  });

  test('the Place du Capitole lies in Toulouse (31555)', () => {
    const containing = [...boundaries].filter(([, b]) => boundaryContains(b, 1.4442, 43.6045)).map(([code]) => code);
    expect(containing).toEqual(['31555']);
  });
});
