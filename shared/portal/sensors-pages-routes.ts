/**
 * The sensors pages: a map of the latest values with its table, and a sensor's last seven days as
 * a chart with its data tables. Declared like every page (page-route.ts) and spread into
 * portal-routes.ts.
 */
import * as z from 'zod';
import { Slug } from '../sensors/sensors';
import { Insee } from '../territory/territory';
import { definePageRoute } from './page-route';

/** The kinds of sensors the list filters by, as its URL says them. */
export const SENSOR_KINDS = ['air', 'bruit', 'trafic', 'meteo', 'eclairage'] as const;
export type SensorKind = (typeof SENSOR_KINDS)[number];

/** An optional filter whose empty value (the form's "all") means absent. */
const orAll = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const sensorsPageRoutes = {
  getSensorsPage: definePageRoute({
    id: 'getSensorsPage',
    method: 'GET',
    path: '/capteurs',
    table: 'read',
    summary: 'The sensors and their latest values: a map and the same as a table, by kind and commune',
    contract: {
      // The filter's GET form sends its "all" choices empty.
      query: z.object({ type: orAll(z.enum(SENSOR_KINDS)), commune: orAll(Insee) }),
    },
  }),
  getSensorPage: definePageRoute({
    id: 'getSensorPage',
    method: 'GET',
    path: '/capteurs/{sensorId}',
    table: 'read',
    summary: "A sensor: its latest values, and a property's last 7 days as a chart and its data tables",
    contract: { params: z.object({ sensorId: Slug }), query: z.object({ mesure: z.string().max(64).optional() }) },
  }),
} as const;
