/**
 * Demo sensors for a first start: five partners and 50 sensors of Toulouse Métropole (air quality,
 * noise, weather, traffic counters, streetlights), three days of history with daily cycles for NO2
 * and traffic intensity (hourly over the last day, every three hours before) and the latest reading
 * of every other property, one streetlight failing since last evening (an open alert asking for a
 * report), one noise sensor silent for nine hours (an open FROZEN alert), and a few alert rules.
 *
 * Partners, sensors and rules go through the use cases, as a demo admin (the audit log shows them),
 * before the platform opens. The history (~1 800 items: points, their hour and day rollups, latest
 * values) is bulk-loaded in the background (observation-store.ts loadHistory, 100 items a
 * transaction, a few in flight): about 7 s on DynamoDB Local on disk. The alerts it implies are
 * opened once it is in. Idempotent: does nothing once the partners exist (a first start stopped
 * while loading keeps part of the history; remove .local/ to start over).
 */
import { logger } from '../../../shared/runtime/logger';
import type { Principal } from '../../../shared/kernel/principal';
import type { RuleInput } from '../../../shared/sensors/alert-use-cases';
import { inParallel } from '../../../shared/kernel/in-parallel';
import { loadHistory } from '../../../shared/sensors/observation-store';
import type { SensorType } from '../../../shared/sensors/sensor-catalogue';
import { sensorAlerts, sensors } from '../../../shared/sensors/sensors-app';
import type { AcceptedObservation, ObservedValue, PartnerKind, Sensor } from '../../../shared/sensors/sensors';

/**
 * History over three days for NO2 and traffic intensity, where the daily cycles show: hourly over
 * the last day, every three hours before; the other properties get their latest reading only.
 * DynamoDB Local on disk writes a few hundred items a second at best, and each reading is two
 * items (the point and its hour).
 */
const HISTORY_DAYS = 3;
const WITH_HISTORY = new Set(['no2', 'intensity']);
const STEP = 3_600_000;
const OLDER_STEP = 3 * STEP;

const PARTNERS: { id: string; name: string; kind: PartnerKind }[] = [
  { id: 'atmo-occitanie', name: 'Atmo Occitanie', kind: 'association' },
  { id: 'airlab-toulouse', name: 'AirLab Toulouse (micro-capteurs)', kind: 'startup' },
  { id: 'ut3-laboratoire', name: 'Université Toulouse III – laboratoire d’acoustique et météo', kind: 'university' },
  { id: 'tm-mobilite', name: 'Toulouse Métropole – direction de la mobilité', kind: 'public-body' },
  { id: 'citelum', name: 'Citelum (éclairage public)', kind: 'company' },
];

interface DemoSensor {
  readonly id: string;
  readonly type: SensorType;
  readonly name: string;
  readonly partnerId: string;
  readonly lat: number;
  readonly lon: number;
  readonly properties: readonly string[];
  /** Busier places have more traffic, more NO2, more noise. */
  readonly busy?: number;
}

/** What a kind of demo sensor is: its type, its partner and what it measures. */
const KINDS = {
  air: { type: 'AirQualityObserved', partnerId: 'atmo-occitanie', properties: ['no2', 'pm10'] },
  micro: {
    type: 'AirQualityObserved',
    partnerId: 'airlab-toulouse',
    properties: ['pm25', 'temperature', 'relativeHumidity'],
  },
  noise: { type: 'NoiseLevelObserved', partnerId: 'ut3-laboratoire', properties: ['LAeq'] },
  weather: {
    type: 'WeatherObserved',
    partnerId: 'ut3-laboratoire',
    properties: ['temperature', 'relativeHumidity', 'windSpeed', 'precipitation'],
  },
  traffic: { type: 'TrafficFlowObserved', partnerId: 'tm-mobilite', properties: ['intensity', 'averageVehicleSpeed'] },
  light: { type: 'Streetlight', partnerId: 'citelum', properties: ['status', 'powerState', 'illuminanceLevel'] },
} as const satisfies Readonly<Record<string, Pick<DemoSensor, 'type' | 'partnerId' | 'properties'>>>;

/** One row per demo sensor: kind, id, name, latitude, longitude and, where it shows, how busy the place is. */
const PLACES: readonly (readonly [
  kind: keyof typeof KINDS,
  id: string,
  name: string,
  lat: number,
  lon: number,
  busy?: number,
])[] = [
  ['air', 'air-capitole', 'Station Capitole', 43.6045, 1.4442, 1.1],
  ['air', 'air-matabiau', 'Station Gare Matabiau', 43.6114, 1.4536, 1.3],
  ['air', 'air-jean-jaures', 'Station allées Jean-Jaurès', 43.6063, 1.449, 1.5],
  ['air', 'air-saint-cyprien', 'Station Saint-Cyprien', 43.5985, 1.4327, 1],
  ['air', 'air-rangueil', 'Station Rangueil', 43.5745, 1.4612, 0.8],
  ['air', 'air-mirail', 'Station Mirail', 43.5743, 1.4016, 0.9],
  ['air', 'air-purpan', 'Station périphérique Purpan', 43.6076, 1.3977, 1.6],
  ['air', 'air-blagnac', 'Station Blagnac aéroport', 43.635, 1.38, 1.2],
  ['air', 'air-colomiers', 'Station Colomiers centre', 43.6116, 1.3289, 0.7],
  ['air', 'air-balma', 'Station Balma', 43.6111, 1.5027, 0.6],
  ['micro', 'micro-minimes', 'Micro-capteur Minimes', 43.6207, 1.436, 0.9],
  ['micro', 'micro-carmes', 'Micro-capteur Carmes', 43.5971, 1.446, 1],
  ['micro', 'micro-tournefeuille', 'Micro-capteur Tournefeuille', 43.5782, 1.337, 0.7],
  ['micro', 'micro-cugnaux', 'Micro-capteur Cugnaux', 43.5448, 1.3451, 0.6],
  ['micro', 'micro-union', "Micro-capteur L'Union", 43.6543, 1.4812, 0.6],
  ['micro', 'micro-saint-orens', 'Micro-capteur Saint-Orens', 43.5594, 1.533, 0.5],
  ['noise', 'noise-capitole', 'Sonomètre place du Capitole', 43.6043, 1.4436, 1.2],
  ['noise', 'noise-saint-pierre', 'Sonomètre place Saint-Pierre', 43.601, 1.433, 1.4],
  ['noise', 'noise-compans', 'Sonomètre Compans-Caffarelli', 43.6109, 1.4341, 1],
  ['noise', 'noise-borderouge', 'Sonomètre Borderouge', 43.6405, 1.453, 0.8],
  ['noise', 'noise-blagnac', 'Sonomètre Blagnac', 43.6415, 1.3818, 1.1],
  ['noise', 'noise-launaguet', 'Sonomètre Launaguet', 43.6696, 1.4548, 0.6],
  ['weather', 'weather-rangueil', 'Station météo campus Rangueil', 43.562, 1.468],
  ['weather', 'weather-blagnac', 'Station météo Blagnac', 43.6339, 1.3701],
  ['weather', 'weather-colomiers', 'Station météo Colomiers', 43.6136, 1.3249],
  ['weather', 'weather-saint-jean', 'Station météo Saint-Jean', 43.6629, 1.5013],
  ['traffic', 'traffic-pont-neuf', 'Boucle Pont-Neuf', 43.5993, 1.4378, 1.2],
  ['traffic', 'traffic-strasbourg', 'Boucle boulevard de Strasbourg', 43.608, 1.448, 1.4],
  ['traffic', 'traffic-route-espagne', "Boucle route d'Espagne", 43.57, 1.419, 1.3],
  ['traffic', 'traffic-grande-bretagne', 'Boucle avenue de Grande-Bretagne', 43.602, 1.415, 1.1],
  ['traffic', 'traffic-arc-en-ciel', 'Boucle rocade Arc-en-Ciel', 43.585, 1.355, 1.6],
  ['traffic', 'traffic-blagnac', 'Boucle avenue des Arènes, Blagnac', 43.638, 1.39, 1],
  ['traffic', 'traffic-colomiers', 'Boucle Colomiers', 43.6096, 1.3289, 0.8],
  ['traffic', 'traffic-balma', 'Boucle Balma-Gramont', 43.6131, 1.4967, 0.9],
  ['traffic', 'traffic-union', "Boucle L'Union", 43.6563, 1.4832, 0.7],
  ['traffic', 'traffic-cugnaux', 'Boucle Cugnaux', 43.5468, 1.3431, 0.7],
  ['light', 'sl-alsace-1', "Lampadaire rue d'Alsace-Lorraine 1", 43.6018, 1.4452],
  ['light', 'sl-alsace-2', "Lampadaire rue d'Alsace-Lorraine 2", 43.6031, 1.4451],
  ['light', 'sl-alsace-3', "Lampadaire rue d'Alsace-Lorraine 3", 43.6044, 1.445],
  ['light', 'sl-alsace-4', "Lampadaire rue d'Alsace-Lorraine 4", 43.6057, 1.4449],
  ['light', 'sl-jean-jaures-1', 'Lampadaire allées Jean-Jaurès 1', 43.6058, 1.4478],
  ['light', 'sl-jean-jaures-2', 'Lampadaire allées Jean-Jaurès 2', 43.6066, 1.4492],
  ['light', 'sl-jean-jaures-3', 'Lampadaire allées Jean-Jaurès 3', 43.6074, 1.4506],
  ['light', 'sl-daurade-1', 'Lampadaire quai de la Daurade 1', 43.6013, 1.4393],
  ['light', 'sl-daurade-2', 'Lampadaire quai de la Daurade 2', 43.6021, 1.4401],
  ['light', 'sl-daurade-3', 'Lampadaire quai de la Daurade 3', 43.6029, 1.4409],
  ['light', 'sl-saint-sernin-1', 'Lampadaire place Saint-Sernin 1', 43.6084, 1.4417],
  ['light', 'sl-saint-sernin-2', 'Lampadaire place Saint-Sernin 2', 43.6089, 1.4425],
  ['light', 'sl-colomiers-1', 'Lampadaire Colomiers centre 1', 43.6112, 1.3275],
  ['light', 'sl-colomiers-2', 'Lampadaire Colomiers centre 2', 43.6118, 1.3281],
];

const SENSORS: readonly DemoSensor[] = PLACES.map(([kind, id, name, lat, lon, busy]) => ({
  id,
  name,
  lat,
  lon,
  ...KINDS[kind],
  ...(busy === undefined ? {} : { busy }),
}));

/** Failing since last evening: its status turns to defectiveLamp and it stays dark. */
const FAILING_STREETLIGHT = 'sl-daurade-2';
/** Gone silent nine hours ago. */
const SILENT_SENSOR = 'noise-borderouge';

const RULES: readonly (RuleInput & { readonly id: string })[] = [
  {
    id: 'no2-hourly-limit',
    name: 'NO2 above the hourly limit value (200 µg/m³)',
    scope: { type: 'AirQualityObserved' },
    property: 'no2',
    operator: 'GT',
    threshold: 200,
    severity: 'critical',
  },
  {
    id: 'pm10-daily-limit',
    name: 'PM10 above 50 µg/m³',
    scope: { type: 'AirQualityObserved' },
    property: 'pm10',
    operator: 'GT',
    threshold: 50,
    severity: 'warning',
  },
  {
    id: 'streetlight-defective',
    name: 'Defective streetlight: open a report',
    scope: { type: 'Streetlight' },
    property: 'status',
    operator: 'EQ',
    threshold: 'defectiveLamp',
    severity: 'warning',
    openReport: { category: 'eclairage-public' },
  },
  {
    id: 'noise-sensor-silent',
    name: 'Noise sensor silent for an hour',
    scope: { type: 'NoiseLevelObserved' },
    operator: 'FROZEN',
    silentForSeconds: 3600,
    severity: 'info',
  },
  {
    id: 'traffic-counter-silent',
    name: 'Traffic counter silent for two hours',
    scope: { type: 'TrafficFlowObserved' },
    operator: 'FROZEN',
    silentForSeconds: 7200,
    severity: 'info',
  },
];

// ----- plausible values -----

/** The same numbers every first start. */
const randomFrom = (seed: number) => {
  let state = seed % 2147483647 || 1;
  return () => (state = (state * 16807) % 2147483647) / 2147483647;
};

const bump = (hour: number, peak: number, width: number) => Math.exp(-((hour - peak) ** 2) / width);
/** Morning and evening rush hours (local time). */
const rush = (hour: number) => bump(hour, 8, 3) + 0.8 * bump(hour, 18, 4);
const daytime = (hour: number) => (hour >= 7 && hour < 22 ? 1 : 0.25);
const isNight = (hour: number) => hour < 7 || hour >= 18;
const round = (value: number, decimals = 1) => Number(value.toFixed(decimals));

const valueOf = (sensor: DemoSensor, property: string, hour: number, random: () => number): ObservedValue => {
  const busy = sensor.busy ?? 1;
  const jitter = (spread: number) => (random() - 0.5) * 2 * spread;
  switch (property) {
    case 'no2':
      return round(Math.max(3, busy * (15 + 45 * rush(hour)) + jitter(6)));
    case 'pm10':
      return round(Math.max(2, busy * (14 + 12 * rush(hour)) + jitter(4)));
    case 'pm25':
      return round(Math.max(1, busy * (8 + 8 * rush(hour)) + jitter(3)));
    case 'temperature':
      return round(11 + 6 * Math.sin((2 * Math.PI * (hour - 9)) / 24) + jitter(0.8));
    case 'relativeHumidity':
      return round(
        Math.min(1, Math.max(0.2, 0.72 - 0.2 * Math.sin((2 * Math.PI * (hour - 9)) / 24) + jitter(0.05))),
        2,
      );
    case 'windSpeed':
      return round(Math.max(0, 3 + 2 * Math.sin((2 * Math.PI * (hour - 14)) / 24) + jitter(1.5)));
    case 'precipitation':
      return random() < 0.08 ? round(random() * 3) : 0;
    case 'LAeq': {
      const nightlife = sensor.id === 'noise-saint-pierre' && (hour >= 21 || hour < 2) ? 12 : 0;
      return round(42 + busy * 18 * daytime(hour) + 6 * rush(hour) + nightlife + jitter(3));
    }
    case 'intensity':
      return Math.round(Math.max(0, busy * (40 + 420 * rush(hour) + 160 * daytime(hour)) + jitter(25)));
    case 'averageVehicleSpeed':
      return round(Math.max(8, 48 - 26 * rush(hour) + jitter(4)));
    case 'illuminanceLevel':
      return isNight(hour) ? round(0.85 + jitter(0.1), 2) : 0;
    case 'powerState':
      return isNight(hour) ? 'on' : 'off';
    default:
      return 'ok';
  }
};

/** Local (Paris) hour of a UTC instant, near enough for daily cycles. */
const localHour = (t: number) => (new Date(t).getUTCHours() + 1 + new Date(t).getUTCMinutes() / 60) % 24;

const historyOf = (sensor: DemoSensor, now: number, seed: number): AcceptedObservation[] => {
  const random = randomFrom(seed);
  const end = Math.min(now - (now % STEP), sensor.id === SILENT_SENSOR ? now - 9 * STEP : Infinity);
  const evening = new Date(end).setUTCHours(18, 0, 0, 0); // 19:00 in Toulouse in winter
  const failingSince = evening <= end - STEP ? evening : evening - 86_400_000;
  const reading = (property: string, t: number): AcceptedObservation => {
    const failing = sensor.id === FAILING_STREETLIGHT && t >= failingSince;
    const value =
      failing && property === 'status'
        ? 'defectiveLamp'
        : failing && property === 'illuminanceLevel'
          ? 0
          : valueOf(sensor, property, localHour(t), random);
    return { sensorId: sensor.id, property, value, observedAt: new Date(t).toISOString() };
  };
  const readings: AcceptedObservation[] = [];
  for (const property of sensor.properties) {
    if (WITH_HISTORY.has(property))
      for (let t = end - HISTORY_DAYS * 86_400_000; t <= end; t += end - t > 86_400_000 ? OLDER_STEP : STEP)
        readings.push(reading(property, t));
    else readings.push(reading(property, end));
  }
  // The failing streetlight was fine until last evening.
  if (sensor.id === FAILING_STREETLIGHT)
    readings.push(reading('status', failingSince - STEP), reading('status', failingSince));
  return readings;
};

let history: Promise<void> = Promise.resolve();

/** Settles once the demo history started by the last seeding is written (at once when none was). */
export const demoSensorHistory = (): Promise<void> => history;

/** Every demo sensor's history as of `now`: its id and type, its readings. */
export const demoHistory = (now: number) =>
  SENSORS.map((sensor, i) => ({
    sensor: { id: sensor.id, type: sensor.type },
    readings: historyOf(sensor, now, i + 1),
  }));

/** Writes the demo history in bulk, several sensors at once (each with a few requests in flight); returns the readings written. */
export const writeDemoHistory = async (siren: string, now: number): Promise<number> => {
  const histories = demoHistory(now);
  await inParallel(histories, 2, ({ sensor, readings }) => loadHistory(siren, sensor, readings));
  return histories.reduce((total, h) => total + h.readings.length, 0);
};

const loadDemoHistory = async (siren: string, registered: readonly Sensor[], now: number): Promise<void> => {
  const started = Date.now();
  const readings = await writeDemoHistory(siren, now);
  // The history was loaded in bulk, around the alert rules: let them look at what it left.
  const failing = registered.find((s) => s.id === FAILING_STREETLIGHT)!;
  const { latest } = await sensors.getSensor(siren, failing.id);
  await sensorAlerts.onLatestValues(siren, [
    { sensor: failing, property: 'status', entry: latest.status!, advanced: true },
  ]);
  await sensorAlerts.detectSilentSensors();
  logger.info('demo sensor history loaded', { readings, ms: Date.now() - started });
};

/** Returns true when it seeded, false when the demo sensors were already there. */
export const seedDemoSensors = async (siren: string, admin: Principal): Promise<boolean> => {
  if ((await sensors.listPartners(admin, siren)).length > 0) return false;
  // Partners, then their sensors and the rules, each set side by side.
  await Promise.all(PARTNERS.map((partner) => sensors.registerPartner(admin, siren, partner)));
  const registered: Sensor[] = await Promise.all(
    SENSORS.map(({ id, type, name, partnerId, lat, lon, properties }) =>
      sensors.saveSensor(admin, siren, id, { type, name, partnerId, location: { lat, lon }, properties }),
    ),
  );
  await Promise.all(RULES.map(({ id, ...rule }) => sensorAlerts.saveRule(admin, siren, id, rule)));
  history = loadDemoHistory(siren, registered, Date.now()).catch((error: unknown) =>
    logger.error('demo sensor history not loaded', error as Error),
  );
  return true;
};
