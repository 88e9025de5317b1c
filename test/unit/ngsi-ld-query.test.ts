/**
 * NGSI-LD's query language (q with ";", "|" and parentheses), the Polygon geo-queries and the entity
 * type views, as pure functions.
 */
import {
  entityType,
  entityTypeInfo,
  matchesQ,
  NgsiLdError,
  parseGeoQuery,
  parseQ,
  polygonHolds,
  typeAttributeNames,
  type PolygonQuery,
} from '../../shared/sensors/ngsi-ld';
import type { SensorWithLatest } from '../../shared/sensors/sensors';

const lamp = (id: string, status: string, illuminanceLevel: number): SensorWithLatest => ({
  territory: '243100518',
  id,
  type: 'Streetlight',
  name: `Lampadaire ${id}`,
  partnerId: 'citelum',
  location: { lat: 43.6021, lon: 1.4401 },
  commune: { insee: '31555', name: 'Toulouse' },
  properties: [{ name: 'status' }, { name: 'illuminanceLevel', unitCode: 'C62' }],
  createdAt: '2025-03-01T00:00:00Z',
  updatedAt: '2025-03-01T00:00:00Z',
  version: 1,
  latest: {
    status: { value: status, observedAt: '2025-03-14T18:00:00.000Z' },
    illuminanceLevel: { value: illuminanceLevel, observedAt: '2025-03-14T20:00:00.000Z' },
  },
});

const dark = lamp('a', 'defectiveLamp', 0);
const lit = lamp('b', 'ok', 0.9);
const broken = lamp('c', 'columnIssue', 0.8);

const errorType = (act: () => unknown) => {
  try {
    act();
  } catch (error) {
    return error instanceof NgsiLdError ? error.errorType : String(error);
  }
  return 'no error';
};

const matching = (q: string) =>
  [dark, lit, broken]
    .filter((s) => matchesQ(parseQ(q), s))
    .map((s) => s.id)
    .join('');

describe('q: terms, "|" (or), ";" (and), parentheses', () => {
  test('"|" is or, ";" is and, and ";" binds tighter', () => {
    expect(matching('status=="defectiveLamp"|status=="columnIssue"')).toBe('ac');
    expect(matching('status=="ok";illuminanceLevel>0.5')).toBe('b');
    // a | (b ; c): the dark lamp, or the lit one that is ok.
    expect(matching('status=="defectiveLamp"|status=="columnIssue";illuminanceLevel<0.5')).toBe('a');
    expect(matching('(status=="defectiveLamp"|status=="columnIssue");illuminanceLevel>0.5')).toBe('c');
    expect(matching('((status!="ok"));(illuminanceLevel<0.1|illuminanceLevel>0.7)')).toBe('ac');
  });

  test('lists, ranges, existence and the time attribute', () => {
    expect(matching('status=="ok","columnIssue"')).toBe('bc');
    expect(matching('illuminanceLevel==0.5..1')).toBe('bc');
    expect(matching('illuminanceLevel!=0.5..1')).toBe('a');
    expect(matching('illuminanceLevel')).toBe('abc');
    expect(matching('powerState')).toBe('');
    expect(matching('observationDateTime>2025-03-14T19:00:00Z')).toBe('abc');
    expect(matching('observationDateTime<2025-03-14T19:00:00Z')).toBe('');
    expect(matching('name=="Lampadaire (a); | b"')).toBe(''); // separators inside a string are text
  });

  test('a comparison of values of different kinds does not hold', () => {
    expect(matching('status>3')).toBe('');
    expect(matching('illuminanceLevel=="0"')).toBe('');
  });

  test('a q it cannot read is BadRequestData, saying where', () => {
    for (const q of ['(status=="ok"', 'status=="ok")', 'status=="ok;', '|status=="ok"', 'status==', '', 'status=ok'])
      expect(errorType(() => parseQ(q))).toBe('BadRequestData');
    expect(() => parseQ('(status=="ok"')).toThrow(/character 14/);
    expect(errorType(() => parseQ('status>"a","b"'))).toBe('BadRequestData');
    expect(errorType(() => parseQ('name=~"Lamp.*"'))).toBe('OperationNotSupported');
    expect(errorType(() => parseQ(`${'('.repeat(40)}status=="ok"${')'.repeat(40)}`))).toBe('TooComplexQuery');
  });
});

describe('georel within and intersects with a Polygon', () => {
  const square = JSON.stringify([
    [
      [1.4, 43.6],
      [1.5, 43.6],
      [1.5, 43.7],
      [1.4, 43.7],
      [1.4, 43.6],
    ],
  ]);

  test('a point inside is within and intersects; a point on the edge only intersects', () => {
    const within = parseGeoQuery('within', 'Polygon', square) as PolygonQuery;
    const intersects = parseGeoQuery('intersects', 'Polygon', square) as PolygonQuery;
    expect(within.bbox).toEqual([1.4, 43.6, 1.5, 43.7]);
    expect(polygonHolds(within, 1.45, 43.65)).toBe(true);
    expect(polygonHolds(intersects, 1.45, 43.65)).toBe(true);
    expect(polygonHolds(within, 1.4, 43.65)).toBe(false);
    expect(polygonHolds(intersects, 1.4, 43.65)).toBe(true);
    expect(polygonHolds(intersects, 1.39, 43.65)).toBe(false);
  });

  test('a polygon that is not one, or another geometry, is refused', () => {
    expect(errorType(() => parseGeoQuery('within', 'Polygon', '[[[1.4,43.6],[1.5,43.6],[1.4,43.6]]]'))).toBe(
      'BadRequestData',
    );
    expect(errorType(() => parseGeoQuery('within', 'Polygon', '[1.4,43.6]'))).toBe('BadRequestData');
    expect(errorType(() => parseGeoQuery('within', 'Polygon', 'not json'))).toBe('BadRequestData');
    expect(errorType(() => parseGeoQuery('within', 'Point', '[1.4,43.6]'))).toBe('OperationNotSupported');
    expect(errorType(() => parseGeoQuery('within', 'Polygon', undefined))).toBe('BadRequestData');
  });
});

describe('entity types', () => {
  test('the attribute names of a type are the common ones, its time attribute, and what its sensors measure', () => {
    const names = typeAttributeNames('Streetlight', [dark, { properties: [{ name: 'powerState' }] }]);
    expect(names).toEqual([
      'name',
      'location',
      'address',
      'dataProvider',
      'observationDateTime',
      'illuminanceLevel',
      'powerState',
      'status',
    ]);
    expect(entityType('Streetlight', names)).toMatchObject({
      id: 'https://smartdatamodels.org/dataModel.Streetlighting/Streetlight',
      type: 'EntityType',
      typeName: 'Streetlight',
    });
    const info = entityTypeInfo('Streetlight', 2, names);
    expect(info).toMatchObject({ type: 'EntityTypeInfo', entityCount: 2 });
    expect(info.attributeDetails.find((a) => a.attributeName === 'location')?.attributeTypes).toEqual(['GeoProperty']);
  });
});
