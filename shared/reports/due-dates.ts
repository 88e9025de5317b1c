/**
 * Due dates in business hours: the category's target counted in the responsible body's calendar
 * (working hours, French public holidays, closures), the default calendar while the body has none.
 */
import { addBusinessHours, defaultBodyCalendar } from '../calendar/business-calendar';
import type { Body } from '../territory/territory';
import type { DueDateCalculator } from './report-ports';

/** Where the bodies' SLA settings come from (the territory use cases). */
export interface BodyDirectory {
  listBodies(siren: string): Promise<Body[]>;
}

export const businessHoursDueDates = (bodies: BodyDirectory): DueDateCalculator => ({
  dueAt: async ({ territory, bodyId, category, from }) => {
    if (category.slaHours === undefined) return undefined;
    const body = (await bodies.listBodies(territory)).find((b) => b.id === bodyId);
    return addBusinessHours(body?.sla?.calendar ?? defaultBodyCalendar, from, category.slaHours);
  },
});
