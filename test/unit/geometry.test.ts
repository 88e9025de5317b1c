import { boundaryContains, boundingBox, checkBoundary, type Boundary } from '../../shared/territory/geometry';
import { InvalidInputError } from '../../shared/kernel/errors';
import { describeWithSharedData, realCommuneBoundaries } from '../support/shared-data';

const square: Boundary = {
  type: 'Polygon',
  coordinates: [
    [
      [1, 43],
      [2, 43],
      [2, 44],
      [1, 44],
      [1, 43],
    ],
  ],
};

const reason = (boundary: unknown): string => {
  try {
    checkBoundary(boundary as Boundary);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as Error).message;
  }
  throw new Error('the boundary was accepted');
};

describe('checking a boundary', () => {
  test('a closed square is accepted as given', () => {
    expect(checkBoundary(square)).toBe(square);
  });

  test('a ring whose last position differs from its first is refused as not closed', () => {
    expect(
      reason({
        type: 'Polygon',
        coordinates: [
          [
            [1, 43],
            [2, 43],
            [2, 44],
            [1, 44],
          ],
        ],
      }),
    ).toMatch(/not closed/);
  });

  test('a ring of three positions is refused for having fewer than four', () => {
    expect(
      reason({
        type: 'Polygon',
        coordinates: [
          [
            [1, 43],
            [2, 43],
            [1, 43],
          ],
        ],
      }),
    ).toMatch(/at least 4/);
  });

  test('a latitude beyond 90 is refused, naming the position', () => {
    expect(
      reason({
        type: 'Polygon',
        coordinates: [
          [
            [1, 43],
            [2, 95],
            [2, 44],
            [1, 43],
          ],
        ],
      }),
    ).toMatch(/position 1 \[2, 95\]/);
  });

  test('a bow-tie ring is refused because it intersects itself', () => {
    const bowTie = [
      [
        [0, 0],
        [2, 2],
        [2, 0],
        [0, 2],
        [0, 0],
      ],
    ];
    expect(reason({ type: 'Polygon', coordinates: bowTie })).toMatch(/intersects itself/);
  });

  test('an empty MultiPolygon is refused', () => {
    expect(reason({ type: 'MultiPolygon', coordinates: [] })).toMatch(/at least one polygon/);
  });
});

describe('locating a point in a boundary', () => {
  test('a point inside the square is contained and one outside is not', () => {
    expect(boundaryContains(square, 1.5, 43.5)).toBe(true);
    expect(boundaryContains(square, 2.5, 43.5)).toBe(false);
  });

  test('the bounding box of the square is its corners', () => {
    expect(boundingBox(square)).toEqual([1, 43, 2, 44]);
  });
});

describeWithSharedData('the real boundaries of Toulouse Métropole (IGN Admin Express)', () => {
  test('every one of the 37 is accepted as valid', () => {
    const features = realCommuneBoundaries();
    expect(features).toHaveLength(37);
    for (const feature of features) expect(() => checkBoundary(feature.geometry)).not.toThrow();
  });
});
