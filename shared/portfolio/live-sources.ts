/**
 * Where live KPIs read their values: the sensors' and the reports' own use cases (the ones their
 * routes call), seen through the portfolio's ports, so a KPI value is what those APIs answer for
 * the same period:
 * - a sensor KPI walks the daily rollups with the sensors' `series` use case (what
 *   GET …/sensors/{id}/series?resolution=day and the NGSI-LD temporal API with aggrPeriodDuration=P1D
 *   read), adding the day sums exactly (exact-sum.ts) and their counts;
 * - a report KPI takes one figure of the reports' `statistics` use case (GET …/sla-statistics).
 */
import { NotFoundError } from '../kernel/errors';
import type { SlaFigures } from '../reports/sla';
import type { makeSlaUseCases } from '../reports/sla-use-cases';
import { addExact } from '../sensors/exact-sum';
import { isRolledUp, type RollupView, type SensorWithLatest } from '../sensors/sensors';
import type { SensorType } from '../sensors/sensor-catalogue';
import type { makeSensorUseCases } from '../sensors/sensors-use-cases';
import type { SensorMeasures, ServiceQuality } from './portfolio-ports';

type SensorUseCases = Pick<ReturnType<typeof makeSensorUseCases>, 'listSensors' | 'getSensor' | 'series'>;
type SlaUseCases = Pick<ReturnType<typeof makeSlaUseCases>, 'statistics'>;

export const sensorMeasures = (sensors: SensorUseCases): SensorMeasures => ({
  async dailyTotals(siren, selection, from, to) {
    const chosen = new Map<string, SensorWithLatest>();
    for (const sensorId of selection.sensorIds ?? []) {
      const sensor = await sensors.getSensor(siren, sensorId).catch((error: unknown) => {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      });
      if (sensor) chosen.set(sensor.id, sensor);
    }
    for (const commune of selection.communes ?? []) {
      let cursor: string | undefined;
      do {
        const page = await sensors.listSensors(
          siren,
          { commune, ...(selection.sensorType ? { type: selection.sensorType as SensorType } : {}) },
          100,
          cursor,
        );
        page.items.forEach((sensor) => chosen.set(sensor.id, sensor));
        cursor = page.cursor;
      } while (cursor);
    }
    const measuring = [...chosen.values()]
      .filter((s) => !selection.sensorType || s.type === selection.sensorType)
      .filter((s) => s.properties.some((p) => p.name === selection.property) && isRolledUp(s, selection.property))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    let [count, sum] = [0, '0'];
    for (const sensor of measuring) {
      let cursor: string | undefined;
      do {
        const page = await sensors.series(siren, sensor.id, selection.property, {
          resolution: 'day',
          from: new Date(`${from}T00:00:00.000Z`),
          to: new Date(`${to}T23:59:59.999Z`),
          limit: 400,
          cursor,
        });
        const days = page.items as RollupView[];
        count += days.reduce((total, day) => total + day.count, 0);
        sum = addExact(
          sum,
          days.map((day) => day.sum),
        );
        cursor = page.cursor;
      } while (cursor);
    }
    return { sensors: measuring.map((s) => s.id), count, sum };
  },
});

export const serviceQuality = (sla: SlaUseCases): ServiceQuality => ({
  async figure(siren, insee, category, figure, period) {
    const statistics = await sla.statistics(siren, insee, period);
    const figures: SlaFigures | undefined = category
      ? statistics.categories.find((c) => c.category === category)
      : statistics.all;
    if (!figures)
      return {
        value: figure === 'filed' || figure === 'resolved' || figure === 'openOverdue' ? 0 : null,
        filed: 0,
        judged: 0,
      };
    return { value: figures[figure], filed: figures.filed, judged: figures.judged };
  },
});
