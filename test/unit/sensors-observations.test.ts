import {
  checkObservations,
  mergeRollup,
  rollupView,
  type Observation,
  type Sensor,
} from '../../shared/sensors/sensors';

const NOW = new Date('2025-03-14T12:00:00Z');

const sensor = (id: string, partnerId: string, type: Sensor['type'], properties: Sensor['properties']): Sensor => ({
  territory: '243100518',
  id,
  type,
  name: id,
  partnerId,
  location: { lat: 43.6, lon: 1.44 },
  commune: { insee: '31555', name: 'Toulouse' },
  properties,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  version: 1,
});

const sensors = new Map([
  [
    'air-1',
    sensor('air-1', 'atmo', 'AirQualityObserved', [
      { name: 'no2', unitCode: 'GQ' },
      { name: 'relativeHumidity', unitCode: 'C62' },
    ]),
  ],
  ['lamp-1', sensor('lamp-1', 'citelum', 'Streetlight', [{ name: 'status' }])],
]);

const good: Observation = {
  sensorId: 'air-1',
  property: 'no2',
  value: 23.4,
  unit: 'GQ',
  observedAt: '2025-03-14T11:00:00+01:00',
};

const issuesOf = (observations: Observation[], partner = 'atmo') =>
  checkObservations(observations, sensors, partner, NOW).issues.map((i) => `${i.path}: ${i.message}`);

describe('checking a batch of observations', () => {
  test('a good batch is accepted, its times normalized to UTC milliseconds', () => {
    const { accepted, issues } = checkObservations([good], sensors, 'atmo', NOW);
    expect(issues).toEqual([]);
    expect(accepted).toEqual([
      { sensorId: 'air-1', property: 'no2', value: 23.4, observedAt: '2025-03-14T10:00:00.000Z' },
    ]);
  });

  test('each offending observation is named by its index, and nothing is accepted', () => {
    const { accepted, issues } = checkObservations(
      [good, { ...good, sensorId: 'nope' }, good, { ...good, unit: 'GP' }],
      sensors,
      'atmo',
      NOW,
    );
    expect(accepted).toEqual([]);
    expect(issues.map((i) => i.path)).toEqual(['observations.1.sensorId', 'observations.3.unit']);
  });

  test("another partner's sensor is refused", () => {
    expect(issuesOf([good], 'citelum')).toEqual(['observations.0.sensorId: sensor air-1 belongs to another partner']);
  });

  test('a property the sensor does not measure is refused', () => {
    expect(issuesOf([{ ...good, property: 'pm10' }])).toEqual([
      'observations.0.property: sensor air-1 does not measure pm10',
    ]);
  });

  test('a unit other than the property’s, or none, is refused', () => {
    expect(issuesOf([{ ...good, unit: 'GP' }])).toEqual(['observations.0.unit: no2 is measured in GQ, not GP']);
    expect(issuesOf([{ ...good, unit: undefined }])).toEqual([
      'observations.0.unit: no2 is measured in GQ, not (none)',
    ]);
  });

  test('a non-numeric value of a numeric property is refused', () => {
    expect(issuesOf([{ ...good, value: '23.4' }])).toEqual(['observations.0.value: must be a number']);
  });

  test('a value out of the property’s range (a percentage sent for a fraction) is refused', () => {
    expect(issuesOf([{ ...good, property: 'relativeHumidity', unit: 'C62', value: 54 }])).toEqual([
      'observations.0.value: 54 is outside 0..1 for relativeHumidity',
    ]);
  });

  test('a time in the future (beyond a minute of clock skew) or older than 7 days is refused', () => {
    expect(issuesOf([{ ...good, observedAt: '2025-03-14T12:00:30Z' }])).toEqual([]);
    expect(issuesOf([{ ...good, observedAt: '2025-03-14T12:05:00Z' }])).toEqual([
      'observations.0.observedAt: is in the future',
    ]);
    expect(issuesOf([{ ...good, observedAt: '2025-03-07T11:59:00Z' }])).toEqual([
      'observations.0.observedAt: is older than 7 days',
    ]);
  });

  test('a status takes one of its allowed values and no unit', () => {
    const lamp = { sensorId: 'lamp-1', property: 'status', value: 'defectiveLamp', observedAt: '2025-03-14T11:00:00Z' };
    expect(issuesOf([lamp], 'citelum')).toEqual([]);
    expect(issuesOf([{ ...lamp, value: 'broken' }], 'citelum')).toEqual([
      'observations.0.value: must be one of ok, defectiveLamp, columnIssue, brokenLantern',
    ]);
    expect(issuesOf([{ ...lamp, unit: 'C62' }], 'citelum')).toEqual(['observations.0.unit: status has no unit']);
  });
});

describe('rollups', () => {
  test('merging keeps count, min, max and an exact sum; the mean is derived', () => {
    const first = mergeRollup(undefined, [10.1, 20.2]);
    const both = mergeRollup(first, [0.2, 30]);
    expect(both).toEqual({ count: 4, min: 0.2, max: 30, sum: '60.5' });
    expect(rollupView('hour', '2025-03-14T09', both)).toEqual({
      start: '2025-03-14T09:00:00.000Z',
      end: '2025-03-14T10:00:00.000Z',
      count: 4,
      min: 0.2,
      max: 30,
      sum: 60.5,
      mean: 15.125,
    });
  });
});
