/**
 * The business calendar's HTTP contract: the shape is checked here, the rules (ranges in order, a
 * real time zone, closures that end after they start) by the domain's own calendarIssues.
 */
import * as z from 'zod';
import { calendarIssues, defaultBodyCalendar } from './business-calendar';

const Time = z.string().regex(/^\d{2}:\d{2}$/, 'a wall-clock time HH:MM');
const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

const OpeningHours = z.object({ from: Time, to: Time.meta({ description: "HH:MM, or '24:00' for midnight" }) });

const Day = z.array(OpeningHours).max(6).readonly().optional();
const Week = z
  .strictObject({
    monday: Day,
    tuesday: Day,
    wednesday: Day,
    thursday: Day,
    friday: Day,
    saturday: Day,
    sunday: Day,
  })
  .meta({ description: 'Opening hours per weekday, in order and not overlapping; a day absent or empty is closed' });

export const BusinessCalendarSchema = z
  .object({
    timeZone: z.string().min(1).max(64).meta({ description: 'IANA time zone', example: 'Europe/Paris' }),
    week: Week,
    publicHolidays: z
      .enum(['none', 'france', 'alsace-moselle'])
      .meta({ description: 'Public holidays that close the body (Alsace-Moselle adds Good Friday and 26 December)' }),
    closures: z
      .array(z.object({ from: LocalDate, to: LocalDate, reason: z.string().max(200).optional() }))
      .max(200)
      .readonly()
      .meta({ description: 'Further closed days, inclusive date ranges' }),
  })
  .superRefine((calendar, ctx) => {
    for (const issue of calendarIssues(calendar)) {
      const path = issue.path.split('.').map((key) => (/^\d+$/.test(key) ? Number(key) : key));
      ctx.addIssue({ code: 'custom', path, message: issue.message });
    }
  })
  .meta({
    id: 'BusinessCalendar',
    description: 'Working hours, time zone, public holidays and closures of a body: SLA targets count in these hours',
    example: {
      ...defaultBodyCalendar,
      closures: [{ from: '2026-12-24', to: '2026-12-31', reason: 'Fermeture de fin d’année' }],
    },
  });
