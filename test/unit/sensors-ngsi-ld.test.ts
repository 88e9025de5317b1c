import {
  CONTEXT_LINK,
  entityId,
  matchesQ,
  negotiate,
  NgsiLdError,
  parseEntityId,
  parseGeoQuery,
  parseQ,
  parseTemporalQuery,
  sensorTypeOf,
  toEntity,
} from '../../shared/sensors/ngsi-ld';
import type { SensorWithLatest } from '../../shared/sensors/sensors';

const station: SensorWithLatest = {
  territory: '243100518',
  id: 'tlse-air-capitole',
  type: 'AirQualityObserved',
  name: 'Capitole',
  partnerId: 'atmo',
  location: { lat: 43.6045, lon: 1.4442 },
  commune: { insee: '31555', name: 'Toulouse' },
  properties: [
    { name: 'no2', unitCode: 'GQ' },
    { name: 'pm10', unitCode: 'GQ' },
  ],
  createdAt: '2025-03-01T00:00:00Z',
  updatedAt: '2025-03-01T00:00:00Z',
  version: 1,
  latest: {
    no2: { value: 42.5, observedAt: '2025-03-14T10:00:00.000Z' },
    pm10: { value: 18, observedAt: '2025-03-14T09:00:00.000Z' },
  },
};

const errorType = (act: () => unknown) => {
  try {
    act();
  } catch (error) {
    return (error as NgsiLdError).errorType;
  }
  return 'no error';
};

describe('NGSI-LD entities', () => {
  test('ids are URNs naming the type, the territory and the sensor, and read back', () => {
    expect(entityId(station)).toBe('urn:ngsi-ld:AirQualityObserved:243100518:tlse-air-capitole');
    expect(parseEntityId(entityId(station))).toEqual({
      type: 'AirQualityObserved',
      territory: '243100518',
      sensorId: 'tlse-air-capitole',
    });
    expect(parseEntityId('urn:ngsi-ld:Vehicle:243100518:x1')).toBeUndefined();
  });

  test('the normalized representation follows the Smart Data Model: Properties with unitCode and observedAt, a GeoProperty, dateObserved', () => {
    expect(toEntity(station, { keyValues: false })).toEqual({
      id: 'urn:ngsi-ld:AirQualityObserved:243100518:tlse-air-capitole',
      type: 'AirQualityObserved',
      name: { type: 'Property', value: 'Capitole' },
      location: { type: 'GeoProperty', value: { type: 'Point', coordinates: [1.4442, 43.6045] } },
      address: {
        type: 'Property',
        value: { type: 'PostalAddress', addressLocality: 'Toulouse', addressCountry: 'FR' },
      },
      dataProvider: { type: 'Property', value: 'atmo' },
      dateObserved: { type: 'Property', value: { '@type': 'DateTime', '@value': '2025-03-14T10:00:00.000Z' } },
      no2: { type: 'Property', value: 42.5, observedAt: '2025-03-14T10:00:00.000Z', unitCode: 'GQ' },
      pm10: { type: 'Property', value: 18, observedAt: '2025-03-14T09:00:00.000Z', unitCode: 'GQ' },
    });
  });

  test('the simplified representation keeps values only, and attrs narrows it', () => {
    expect(toEntity(station, { keyValues: true, attrs: ['no2', 'location'] })).toEqual({
      id: 'urn:ngsi-ld:AirQualityObserved:243100518:tlse-air-capitole',
      type: 'AirQualityObserved',
      location: { type: 'Point', coordinates: [1.4442, 43.6045] },
      no2: 42.5,
    });
  });

  test('a type is given short or expanded with the Smart Data Models context', () => {
    expect(sensorTypeOf('Streetlight')).toBe('Streetlight');
    expect(sensorTypeOf('https://smartdatamodels.org/dataModel.Streetlighting/Streetlight')).toBe('Streetlight');
    expect(sensorTypeOf('Vehicle')).toBeUndefined();
  });
});

describe('the query language subset', () => {
  test('q terms joined by ";" must all hold', () => {
    expect(matchesQ(parseQ('no2>40'), station)).toBe(true);
    expect(matchesQ(parseQ('no2>40;pm10>=20'), station)).toBe(false);
    expect(matchesQ(parseQ('name=="Capitole"'), station)).toBe(true);
    expect(matchesQ(parseQ('o3>1'), station)).toBe(false); // no such value
  });

  test('a q it cannot read is BadRequestData (or and parentheses: test/unit/ngsi-ld-query.test.ts)', () => {
    expect(errorType(() => parseQ('no2>>40'))).toBe('BadRequestData');
    expect(errorType(() => parseQ('no2>forty'))).toBe('BadRequestData');
  });

  test('near;maxDistance with a Point reads as a circle; other geo-queries are refused', () => {
    expect(parseGeoQuery('near;maxDistance==2000', 'Point', '[1.4442,43.6045]')).toEqual({
      kind: 'near',
      lat: 43.6045,
      lon: 1.4442,
      maxDistance: 2000,
    });
    expect(errorType(() => parseGeoQuery('disjoint', 'Polygon', '[[[0,0]]]'))).toBe('OperationNotSupported');
    expect(errorType(() => parseGeoQuery('near;maxDistance==2000', 'Point', '[200,43]'))).toBe('BadRequestData');
    expect(errorType(() => parseGeoQuery('near;maxDistance==2000', undefined, undefined))).toBe('BadRequestData');
  });
});

describe('temporal queries', () => {
  test('between is [timeAt, endTimeAt), before and after exclude timeAt', () => {
    expect(
      parseTemporalQuery({ timerel: 'between', timeAt: '2025-03-14T00:00:00Z', endTimeAt: '2025-03-15T00:00:00Z' }),
    ).toEqual({
      from: new Date('2025-03-14T00:00:00.000Z'),
      to: new Date('2025-03-14T23:59:59.999Z'),
      temporalValues: false,
    });
    expect(parseTemporalQuery({ timerel: 'before', timeAt: '2025-03-14T00:00:00Z' }).to).toEqual(
      new Date('2025-03-13T23:59:59.999Z'),
    );
    expect(parseTemporalQuery({ timerel: 'after', timeAt: '2025-03-14T00:00:00Z' }).from).toEqual(
      new Date('2025-03-14T00:00:00.001Z'),
    );
  });

  test('aggrMethods with PT1H or P1D ask for the rollups; other periods and methods are not supported', () => {
    expect(parseTemporalQuery({ aggrMethods: 'avg,max', aggrPeriodDuration: 'PT1H' }).aggregation).toEqual({
      methods: ['avg', 'max'],
      resolution: 'hour',
    });
    expect(errorType(() => parseTemporalQuery({ aggrMethods: 'avg', aggrPeriodDuration: 'PT15M' }))).toBe(
      'OperationNotSupported',
    );
    expect(errorType(() => parseTemporalQuery({ aggrMethods: 'stddev', aggrPeriodDuration: 'P1D' }))).toBe(
      'OperationNotSupported',
    );
  });

  test('a timerel without its times, or an unknown one, is BadRequestData', () => {
    expect(errorType(() => parseTemporalQuery({ timerel: 'between', timeAt: '2025-03-14T00:00:00Z' }))).toBe(
      'BadRequestData',
    );
    expect(errorType(() => parseTemporalQuery({ timerel: 'during', timeAt: '2025-03-14T00:00:00Z' }))).toBe(
      'BadRequestData',
    );
    expect(errorType(() => parseTemporalQuery({ lastN: '0' }))).toBe('BadRequestData');
  });
});

describe('content negotiation', () => {
  test('application/ld+json when asked for, application/json otherwise; anything else is not acceptable', () => {
    expect(negotiate('application/ld+json')).toBe('ld+json');
    expect(negotiate('application/json, application/ld+json;q=0.9')).toBe('ld+json');
    expect(negotiate('application/json')).toBe('json');
    expect(negotiate('*/*')).toBe('json');
    expect(negotiate(undefined)).toBe('json');
    expect(negotiate('text/html')).toBeUndefined();
  });

  test('the Link header names the Smart Data Models context as a JSON-LD context', () => {
    expect(CONTEXT_LINK).toBe(
      '<https://smartdatamodels.org/context.jsonld>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"',
    );
  });
});
