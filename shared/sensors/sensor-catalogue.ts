/**
 * The sensor types the platform knows: Smart Data Models entity types, with the attribute names
 * and UN/CEFACT unit codes their schemas use. A sensor measures a subset of its type's
 * properties; an observation must come in the property's unit. Pure data.
 */
export const SENSOR_TYPES = [
  'AirQualityObserved',
  'NoiseLevelObserved',
  'TrafficFlowObserved',
  'WeatherObserved',
  'Streetlight',
] as const;

export type SensorType = (typeof SENSOR_TYPES)[number];

/** A number in a UN/CEFACT unit, rolled up hourly and daily. */
export interface NumericProperty {
  readonly kind: 'number';
  /** UN/CEFACT common code, as the Smart Data Models use it (GQ = µg/m³, CEL = °C, C62 = one…). */
  readonly unitCode: string;
  readonly description: string;
  /** Values outside this range are refused: 54 for a 0..1 humidity is a unit error, not a reading. */
  readonly range?: readonly [number, number];
}

/** One of a closed list of values (a streetlight's status); kept as points and latest, not rolled up. */
export interface CategoryProperty {
  readonly kind: 'category';
  readonly values: readonly string[];
  readonly description: string;
}

export type PropertyDefinition = NumericProperty | CategoryProperty;

export interface SensorTypeDefinition {
  /** The Smart Data Models subject (repository) the type belongs to. */
  readonly dataModel: string;
  /** The attribute that carries the time of the observation in this model. */
  readonly timeAttribute: 'dateObserved' | 'observationDateTime';
  readonly properties: Readonly<Record<string, PropertyDefinition>>;
}

const number = (unitCode: string, description: string, range?: readonly [number, number]): NumericProperty => ({
  kind: 'number',
  unitCode,
  description,
  ...(range ? { range } : {}),
});

const FRACTION = [0, 1] as const;

export const SENSOR_CATALOGUE: Readonly<Record<SensorType, SensorTypeDefinition>> = {
  AirQualityObserved: {
    dataModel: 'dataModel.Environment',
    timeAttribute: 'dateObserved',
    properties: {
      no2: number('GQ', 'Nitrogen dioxide, µg/m³'),
      pm10: number('GQ', 'Particulate matter < 10 µm, µg/m³'),
      pm25: number('GQ', 'Particulate matter < 2.5 µm, µg/m³'),
      o3: number('GQ', 'Ozone, µg/m³'),
      so2: number('GQ', 'Sulphur dioxide, µg/m³'),
      co: number('GP', 'Carbon monoxide, mg/m³'),
      temperature: number('CEL', 'Air temperature, °C'),
      relativeHumidity: number('C62', 'Relative humidity as a fraction (0 to 1)', FRACTION),
    },
  },
  NoiseLevelObserved: {
    dataModel: 'dataModel.Environment',
    timeAttribute: 'dateObserved',
    properties: {
      LAeq: number('2N', 'A-weighted equivalent sound level, dB'),
      LAmax: number('2N', 'A-weighted maximum sound level, dB'),
    },
  },
  TrafficFlowObserved: {
    dataModel: 'dataModel.Transportation',
    timeAttribute: 'dateObserved',
    properties: {
      intensity: number('C62', 'Vehicles counted during the observation period', [0, 1_000_000]),
      occupancy: number('C62', 'Fraction of the period the detector was occupied (0 to 1)', FRACTION),
      averageVehicleSpeed: number('KMH', 'Average vehicle speed, km/h', [0, 400]),
    },
  },
  WeatherObserved: {
    dataModel: 'dataModel.Weather',
    timeAttribute: 'dateObserved',
    properties: {
      temperature: number('CEL', 'Air temperature, °C'),
      relativeHumidity: number('C62', 'Relative humidity as a fraction (0 to 1)', FRACTION),
      atmosphericPressure: number('A97', 'Atmospheric pressure, hPa'),
      windSpeed: number('MTS', 'Wind speed, m/s', [0, 200]),
      windDirection: number('DD', 'Wind direction, degrees from north', [0, 360]),
      precipitation: number('MMT', 'Precipitation, mm (l/m²)', [0, 1000]),
    },
  },
  Streetlight: {
    dataModel: 'dataModel.Streetlighting',
    timeAttribute: 'observationDateTime',
    properties: {
      status: {
        kind: 'category',
        values: ['ok', 'defectiveLamp', 'columnIssue', 'brokenLantern'],
        description: 'Overall condition of the streetlight',
      },
      powerState: { kind: 'category', values: ['on', 'off', 'low', 'bootingUp'], description: 'Power state' },
      illuminanceLevel: number('C62', 'Relative illuminance level (0 to 1)', FRACTION),
    },
  },
};

export const propertyOf = (type: SensorType, property: string): PropertyDefinition | undefined =>
  Object.hasOwn(SENSOR_CATALOGUE[type].properties, property) ? SENSOR_CATALOGUE[type].properties[property] : undefined;
