/**
 * A body's business calendar and the business-time arithmetic the SLA engine rests on: when a
 * target of N business hours falls due, and how much business time lies between two instants.
 * Pure, serializable data (stored as is per body), read in the calendar's own time zone.
 */
import type { FieldIssue } from '../kernel/errors';
import { InvalidInputError } from '../kernel/errors';
import { frenchPublicHolidays, type HolidayRegion } from './french-public-holidays';
import { addDays, instantAt, isCalendarDate, isTimeZone, localDateOf, weekdayIndex } from './local-date';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Opening hours within one day, wall-clock 'HH:MM'; `to` may be '24:00' (open until midnight). */
export interface OpeningHours {
  readonly from: string;
  readonly to: string;
}

/** Days the body is closed besides public holidays (a bridge day, the week between Christmas and New Year). */
export interface Closure {
  /** First closed day, 'YYYY-MM-DD'. */
  readonly from: string;
  /** Last closed day, 'YYYY-MM-DD' (inclusive). */
  readonly to: string;
  readonly reason?: string;
}

export interface BusinessCalendar {
  /** IANA time zone the hours and dates are read in, e.g. Europe/Paris. */
  readonly timeZone: string;
  /** Opening hours per weekday, in order and not overlapping; a day absent or empty is closed. */
  readonly week: Readonly<Partial<Record<Weekday, readonly OpeningHours[]>>>;
  /** The public holidays that close the body: none, the national ones, or Alsace-Moselle's. */
  readonly publicHolidays: 'none' | HolidayRegion;
  readonly closures: readonly Closure[];
}

const OFFICE_HOURS: readonly OpeningHours[] = [
  { from: '08:30', to: '12:00' },
  { from: '13:30', to: '17:30' },
];

/** A French town hall's or metropolis's office hours: weekdays 8:30–12:00 and 13:30–17:30, Paris time. */
export const defaultBodyCalendar: BusinessCalendar = {
  timeZone: 'Europe/Paris',
  week: {
    monday: OFFICE_HOURS,
    tuesday: OFFICE_HOURS,
    wednesday: OFFICE_HOURS,
    thursday: OFFICE_HOURS,
    friday: OFFICE_HOURS,
  },
  publicHolidays: 'france',
  closures: [],
};

const HOUR_MS = 3_600_000;
/** How far ahead a due date is looked for before the calendar is deemed never to open. */
const MAX_SEARCH_DAYS = 366 * 5;
const TIME = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;
const HOLIDAY_REGIONS: readonly string[] = ['none', 'france', 'alsace-moselle'];

const minutesOf = (time: string): number | undefined => {
  const match = TIME.exec(time);
  return match ? Number(match[1] ?? match[3]) * 60 + Number(match[2] ?? match[4]) : undefined;
};

/** What is wrong with a calendar (the zod schema reports the same issues at the edge). */
export const calendarIssues = (calendar: BusinessCalendar): FieldIssue[] => {
  const issues: FieldIssue[] = [];
  if (!isTimeZone(calendar.timeZone)) {
    issues.push({ path: 'timeZone', message: `${calendar.timeZone} is not an IANA time zone` });
  }
  for (const [day, hours] of Object.entries(calendar.week)) {
    if (!(WEEKDAYS as readonly string[]).includes(day)) {
      issues.push({ path: `week.${day}`, message: `expected one of ${WEEKDAYS.join(', ')}` });
      continue;
    }
    let previousEnd = -1;
    (hours ?? []).forEach((range, i) => {
      const path = `week.${day}.${i}`;
      const from = minutesOf(range.from);
      const to = minutesOf(range.to);
      if (from === undefined || from === 1440) issues.push({ path: `${path}.from`, message: 'expected HH:MM' });
      if (to === undefined) issues.push({ path: `${path}.to`, message: 'expected HH:MM (or 24:00)' });
      if (from === undefined || to === undefined) return;
      if (from >= to) issues.push({ path, message: `opens at ${range.from} but closes at ${range.to}` });
      if (from < previousEnd) issues.push({ path, message: 'overlaps or precedes the previous range' });
      previousEnd = to;
    });
  }
  if (!HOLIDAY_REGIONS.includes(calendar.publicHolidays)) {
    issues.push({ path: 'publicHolidays', message: `expected one of ${HOLIDAY_REGIONS.join(', ')}` });
  }
  calendar.closures.forEach((closure, i) => {
    const path = `closures.${i}`;
    if (!isCalendarDate(closure.from)) issues.push({ path: `${path}.from`, message: 'expected a date YYYY-MM-DD' });
    else if (!isCalendarDate(closure.to)) issues.push({ path: `${path}.to`, message: 'expected a date YYYY-MM-DD' });
    else if (closure.to < closure.from) issues.push({ path, message: `ends (${closure.to}) before it starts` });
  });
  return issues;
};

interface CompiledCalendar {
  readonly timeZone: string;
  /** By weekday index (0 = Monday): [from, to] in minutes after midnight. */
  readonly week: readonly (readonly (readonly [number, number])[])[];
  readonly opensAtAll: boolean;
  isClosedOn(date: string): boolean;
}

const compiled = new WeakMap<BusinessCalendar, CompiledCalendar>();
const holidaysByYear = new Map<string, ReadonlySet<string>>();

const holidayDates = (region: HolidayRegion, year: number): ReadonlySet<string> => {
  const key = `${region} ${year}`;
  let dates = holidaysByYear.get(key);
  if (!dates) {
    dates = new Set(frenchPublicHolidays(year, region).map((h) => h.date));
    holidaysByYear.set(key, dates);
  }
  return dates;
};

/** Checks and prepares a calendar once per object. */
const compile = (calendar: BusinessCalendar): CompiledCalendar => {
  const known = compiled.get(calendar);
  if (known) return known;
  const issues = calendarIssues(calendar);
  if (issues.length > 0) throw new InvalidInputError('The business calendar is not valid', issues);
  const week = WEEKDAYS.map((day) =>
    (calendar.week[day] ?? []).map((range) => [minutesOf(range.from)!, minutesOf(range.to)!] as const),
  );
  const { publicHolidays, closures } = calendar;
  const result: CompiledCalendar = {
    timeZone: calendar.timeZone,
    week,
    opensAtAll: week.some((ranges) => ranges.length > 0),
    isClosedOn: (date) =>
      (publicHolidays !== 'none' && holidayDates(publicHolidays, Number(date.slice(0, 4))).has(date)) ||
      closures.some((closure) => closure.from <= date && date <= closure.to),
  };
  compiled.set(calendar, result);
  return result;
};

/**
 * The calendar's open periods [start, end) as epoch milliseconds, in order, from the local day of
 * `fromMs` on; until the local day of `untilMs` if given.
 */
function* openPeriods(calendar: CompiledCalendar, fromMs: number, untilMs?: number): Generator<[number, number]> {
  const { timeZone } = calendar;
  const lastDate = untilMs === undefined ? undefined : localDateOf(untilMs, timeZone);
  let date = localDateOf(fromMs, timeZone);
  for (let day = 0; lastDate !== undefined ? date <= lastDate : day < MAX_SEARCH_DAYS; day++) {
    if (!calendar.isClosedOn(date)) {
      for (const [from, to] of calendar.week[weekdayIndex(date)]!) {
        const start = instantAt(date, from, timeZone);
        const end = instantAt(date, to, timeZone);
        // A range inside the hour skipped when clocks go forward is empty.
        if (end > start) yield [start, end];
      }
    }
    date = addDays(date, 1);
  }
}

/**
 * When a target of `hours` business hours, counted from `start`, falls due. Counting begins at
 * the next opening when `start` is outside working hours (so 0 hours gives that opening); a target
 * that runs out exactly at closing time falls due at closing time, not at the next opening.
 */
export const addBusinessHours = (calendar: BusinessCalendar, start: Date, hours: number): Date => {
  if (!Number.isFinite(hours) || hours < 0) {
    throw new InvalidInputError(`A business-hour target must be a finite number of hours ≥ 0, got ${hours}`);
  }
  const prepared = compile(calendar);
  if (!prepared.opensAtAll) throw new InvalidInputError('The business calendar has no opening hours on any day');
  const startMs = start.getTime();
  let remaining = Math.round(hours * HOUR_MS);
  for (const [open, close] of openPeriods(prepared, startMs)) {
    if (close <= startMs) continue;
    const from = Math.max(open, startMs);
    if (remaining <= close - from) return new Date(from + remaining);
    remaining -= close - from;
  }
  throw new InvalidInputError(`The business calendar does not open for ${hours} hours within ${MAX_SEARCH_DAYS} days`);
};

/**
 * Whether the calendar opens at least once in the `days` days from `from` (a calendar closed every
 * day, or closed by its closures for a whole year, would refuse every report of its body).
 */
export const opensWithin = (calendar: BusinessCalendar, from: Date, days: number): boolean => {
  const prepared = compile(calendar);
  if (!prepared.opensAtAll) return false;
  const untilMs = from.getTime() + days * 86_400_000;
  for (const [, close] of openPeriods(prepared, from.getTime(), untilMs)) if (close > from.getTime()) return true;
  return false;
};

/** Business hours elapsed between two instants (negative when `to` precedes `from`). */
export const businessHoursBetween = (calendar: BusinessCalendar, from: Date, to: Date): number => {
  const fromMs = from.getTime();
  const toMs = to.getTime();
  if (toMs < fromMs) return -businessHoursBetween(calendar, to, from);
  let elapsed = 0;
  for (const [open, close] of openPeriods(compile(calendar), fromMs, toMs)) {
    elapsed += Math.max(0, Math.min(close, toMs) - Math.max(open, fromMs));
  }
  return elapsed / HOUR_MS;
};
