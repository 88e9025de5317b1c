/**
 * What the sensors pages show, through the sensors use cases (never the table): the territory's
 * sensors with their latest values, by kind and commune; a sensor's latest values and one
 * property's last seven days (hourly rollups for a number, the readings for a status). Values are
 * said in French with their unit; a fraction (0 to 1) as a percentage.
 */
import { propertyOf, type SensorType } from '../sensors/sensor-catalogue';
import { sensors } from '../sensors/sensors-app';
import type { LatestEntry, RollupView, SensorWithLatest } from '../sensors/sensors';
import { lastObservedAt } from '../sensors/sensors';
import type { Messages } from './i18n';
import type { SensorKind } from './sensors-pages-routes';
import { NotFoundError } from '../kernel/errors';
import { portalTerritory, territory } from './portal-app';
import type { SensorRow, SensorsView } from './pages/sensor-list-page';
import type { SensorPageView } from './pages/sensor-detail-page';

export const KIND_TYPES: Readonly<Record<SensorKind, SensorType>> = {
  air: 'AirQualityObserved',
  bruit: 'NoiseLevelObserved',
  trafic: 'TrafficFlowObserved',
  meteo: 'WeatherObserved',
  eclairage: 'Streetlight',
};

/** The SIREN of the territory the portal shows; no territory yet is a page that does not exist. */
const portalSiren = async (): Promise<string> => {
  const siren = await portalTerritory();
  if (!siren) throw new NotFoundError('No territory is registered yet');
  return siren;
};

const PAGE = 500;
const MAX_SENSORS = 2000;
const WEEK_MS = 7 * 86_400_000;
const HOUR_MS = 3_600_000;
const MAX_POINTS = 1000;
/** The readings of a status shown, newest first. */
const MAX_STATUS_ROWS = 200;

const NUMBER = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const PARIS_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', dateStyle: 'short' });

/** How a property's numbers are said: their scale (a fraction as a percentage) and unit. */
export const unitOf = (t: Messages, type: SensorType, property: string): { scale: number; unit: string } => {
  const definition = propertyOf(type, property);
  if (!definition || definition.kind !== 'number') return { scale: 1, unit: '' };
  if (definition.range?.[0] === 0 && definition.range[1] === 1) return { scale: 100, unit: '%' };
  return { scale: 1, unit: t.sensors.units[definition.unitCode] ?? '' };
};

const withUnit = (value: string, unit: string) => (unit ? `${value} ${unit}` : value);

/** A reading in French: "23,4 µg/m³", "54 %", "lampe défectueuse". */
export const formatValue = (t: Messages, type: SensorType, property: string, value: number | string): string => {
  if (typeof value === 'string') return t.sensors.values[value] ?? value;
  const { scale, unit } = unitOf(t, type, property);
  return withUnit(NUMBER.format(value * scale), unit);
};

export const propertyLabel = (t: Messages, property: string): string => t.sensors.properties[property] ?? property;

const latestOf = (t: Messages, sensor: SensorWithLatest) =>
  sensor.properties
    .filter((p) => sensor.latest[p.name] !== undefined)
    .map((p) => {
      const entry = sensor.latest[p.name] as LatestEntry;
      return {
        property: p.name,
        label: propertyLabel(t, p.name),
        value: formatValue(t, sensor.type, p.name, entry.value),
        observedAt: entry.observedAt,
      };
    });

const rowOf = (t: Messages, sensor: SensorWithLatest): SensorRow => {
  const last = lastObservedAt(sensor.latest);
  return {
    id: sensor.id,
    name: sensor.name,
    typeLabel: t.sensors.types[sensor.type] ?? sensor.type,
    communeName: sensor.commune.name,
    latest: latestOf(t, sensor).map(({ label, value }) => ({ label, value })),
    ...(last ? { lastObservedAt: last } : {}),
  };
};

/** Every sensor of the territory with its latest values (a few pages of the use case). */
const allSensors = async (siren: string): Promise<SensorWithLatest[]> => {
  const all: SensorWithLatest[] = [];
  let cursor: string | undefined;
  do {
    const page = await sensors.listSensors(siren, {}, PAGE, cursor);
    all.push(...page.items);
    cursor = page.cursor;
  } while (cursor && all.length < MAX_SENSORS);
  return all;
};

/** A box around the points, a little wider, so none sits on the map's edge. */
const bboxOf = (points: readonly { lat: number; lon: number }[]): [number, number, number, number] | undefined => {
  if (points.length === 0) return undefined;
  const lats = points.map((p) => p.lat);
  const lons = points.map((p) => p.lon);
  const pad = 0.01;
  return [Math.min(...lons) - pad, Math.min(...lats) - pad, Math.max(...lons) + pad, Math.max(...lats) + pad];
};

export const loadSensorsView = async (
  t: Messages,
  query: { readonly type?: SensorKind; readonly commune?: string },
): Promise<SensorsView> => {
  const siren = await portalSiren();
  const all = await allSensors(siren);
  const communes = [...new Map(all.map((s) => [s.commune.insee, s.commune.name])).entries()]
    .map(([insee, name]) => ({ insee, name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  const type = query.type ? KIND_TYPES[query.type] : undefined;
  const shown = all
    .filter((s) => (!type || s.type === type) && (!query.commune || s.commune.insee === query.commune))
    .sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name, 'fr'));
  const commune =
    query.commune !== undefined
      ? (communes.find((c) => c.insee === query.commune) ??
        (await territory.getCommune(siren, query.commune).then(({ commune: c }) => ({ insee: c.insee, name: c.name }))))
      : undefined;
  const bbox = bboxOf(shown.map((s) => s.location));
  return {
    siren,
    ...(query.type ? { kind: query.type } : {}),
    ...(commune ? { commune } : {}),
    communes,
    sensors: shown.map((s) => rowOf(t, s)),
    ...(bbox ? { bbox } : {}),
  };
};

const parisDay = (iso: string) => PARIS_DAY.format(new Date(iso));

/** Hourly rollups grouped by day in Paris: count, min, max and mean of the day. */
const daysOf = (hours: readonly RollupView[]) => {
  const days = new Map<string, { count: number; sum: number; min: number; max: number }>();
  for (const hour of hours) {
    const day = parisDay(hour.start);
    const held = days.get(day);
    days.set(
      day,
      held
        ? {
            count: held.count + hour.count,
            sum: held.sum + hour.sum,
            min: Math.min(held.min, hour.min),
            max: Math.max(held.max, hour.max),
          }
        : { count: hour.count, sum: hour.sum, min: hour.min, max: hour.max },
    );
  }
  return [...days.entries()].map(([day, d]) => ({ day, ...d, mean: d.sum / d.count }));
};

/** Every page of a series (bounded by MAX_POINTS). */
const seriesOf = async (
  siren: string,
  sensorId: string,
  property: string,
  resolution: 'raw' | 'hour',
  from: Date,
  to: Date,
) => {
  const items: (LatestEntry | RollupView)[] = [];
  let cursor: string | undefined;
  do {
    const page = await sensors.series(siren, sensorId, property, {
      resolution,
      from,
      to,
      limit: MAX_POINTS,
      ...(cursor ? { cursor } : {}),
    });
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor && items.length < MAX_POINTS * 2);
  return items;
};

export const loadSensorView = async (
  t: Messages,
  sensorId: string,
  asked: string | undefined,
  now = new Date(),
): Promise<SensorPageView> => {
  const siren = await portalSiren();
  const sensor = await sensors.getSensor(siren, sensorId);
  const properties = sensor.properties.map((p) => ({ name: p.name, label: propertyLabel(t, p.name) }));
  // The property asked for, else the first number (a curve), else the first one.
  const chosen =
    sensor.properties.find((p) => p.name === asked) ??
    sensor.properties.find((p) => propertyOf(sensor.type, p.name)?.kind === 'number') ??
    sensor.properties[0];
  const base = {
    siren,
    id: sensor.id,
    name: sensor.name,
    typeLabel: t.sensors.types[sensor.type] ?? sensor.type,
    commune: { insee: sensor.commune.insee, name: sensor.commune.name },
    location: { lat: sensor.location.lat, lon: sensor.location.lon },
    latest: latestOf(t, sensor),
    properties,
  };
  if (!chosen) return base;
  const numeric = propertyOf(sensor.type, chosen.name)?.kind === 'number';
  const label = propertyLabel(t, chosen.name);
  const { scale, unit } = unitOf(t, sensor.type, chosen.name);
  const from = new Date(now.getTime() - WEEK_MS);
  const format = (value: number) => withUnit(NUMBER.format(value * scale), unit);
  if (!numeric) {
    const points = (await seriesOf(siren, sensor.id, chosen.name, 'raw', from, now)) as LatestEntry[];
    return {
      ...base,
      property: { name: chosen.name, label, numeric: false },
      points: points
        .slice(-MAX_STATUS_ROWS)
        .reverse()
        .map((p) => ({ observedAt: p.observedAt, value: formatValue(t, sensor.type, chosen.name, p.value) })),
    };
  }
  const hours = (await seriesOf(siren, sensor.id, chosen.name, 'hour', from, now)) as RollupView[];
  // The chart: one slot an hour over the week, empty where nothing was measured (a gap, not a line).
  const byHour = new Map(hours.map((h) => [Date.parse(h.start), h.mean * scale]));
  const firstHour = Math.floor(from.getTime() / HOUR_MS) * HOUR_MS;
  const x: number[] = [];
  const y: (number | null)[] = [];
  for (let at = firstHour; at <= now.getTime(); at += HOUR_MS) {
    x.push(at / 1000);
    const mean = byHour.get(at);
    y.push(mean === undefined ? null : Math.round(mean * 100) / 100);
  }
  return {
    ...base,
    property: { name: chosen.name, label, numeric: true },
    ...(hours.length > 0 ? { chart: { label: unit ? `${label}, en ${unit}` : label, x, y } } : {}),
    hours: hours.map((h) => ({
      start: h.start,
      mean: format(h.mean),
      min: format(h.min),
      max: format(h.max),
      count: h.count,
    })),
    days: daysOf(hours).map((d) => ({
      day: d.day,
      mean: format(d.mean),
      min: format(d.min),
      max: format(d.max),
      count: d.count,
    })),
  };
};
