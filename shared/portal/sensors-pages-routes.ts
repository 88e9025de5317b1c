/**
 * The sensors pages: a map of the latest values with its table, and a sensor's last seven days as
 * a chart with its data tables. Declared like every page (page-route.ts) and spread into
 * portal-routes.ts.
 */
import * as z from 'zod';
import { Slug } from '../sensors/sensors';
import { Insee } from '../territory/territory-schemas';
import { defineRoute } from '../wiring/define';
import { PAGE_ERRORS, PAGE_RESPONSES, PAGE_TAG as tag, pageHandlerPath as page } from './page-route';

/** The kinds of sensors the list filters by, as its URL says them. */
export const SENSOR_KINDS = ['air', 'bruit', 'trafic', 'meteo', 'eclairage'] as const;
export type SensorKind = (typeof SENSOR_KINDS)[number];

/** An optional filter whose empty value (the form's "all") means absent. */
const orAll = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const sensorsPageRoutes = {
  getSensorsPage: defineRoute({
    id: 'getSensorsPage',
    method: 'GET',
    path: '/capteurs',
    handler: page('get-sensors-page'),
    access: 'public',
    table: 'read',
    tag,
    summary: 'The sensors and their latest values: a map and the same as a table, by kind and commune',
    hidden: true,
    contract: {
      // The filter's GET form sends its "all" choices empty.
      query: z.object({ type: orAll(z.enum(SENSOR_KINDS)), commune: orAll(Insee) }),
      responses: PAGE_RESPONSES,
      errors: PAGE_ERRORS,
    },
  }),
  getSensorPage: defineRoute({
    id: 'getSensorPage',
    method: 'GET',
    path: '/capteurs/{sensorId}',
    handler: page('get-sensor-page'),
    access: 'public',
    table: 'read',
    tag,
    summary: "A sensor: its latest values, and a property's last 7 days as a chart and its data tables",
    hidden: true,
    contract: {
      params: z.object({ sensorId: Slug }),
      query: z.object({ mesure: z.string().max(64).optional() }),
      responses: PAGE_RESPONSES,
      errors: PAGE_ERRORS,
    },
  }),
} as const;
