/**
 * French public holidays (jours fériés, Code du travail art. L3133-1), computed for any year: eight
 * fixed dates and three that follow Easter. Alsace-Moselle keeps two more (Good Friday and
 * St Stephen's Day, art. L3134-13). Dates are calendar dates ('YYYY-MM-DD'), not instants: which
 * hours they close depends on the calendar's time zone.
 */
import { addDays, calendarDate } from './local-date';

export type HolidayRegion = 'france' | 'alsace-moselle';

export interface PublicHoliday {
  /** 'YYYY-MM-DD' */
  readonly date: string;
  /** French name, as shown to citizens and agents. */
  readonly name: string;
}

/** The Gregorian calendar (and so this algorithm) starts in 1583. */
const FIRST_YEAR = 1583;

const checkYear = (year: number): void => {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > 9999) {
    throw new RangeError(`Expected a Gregorian year between ${FIRST_YEAR} and 9999, got ${year}`);
  }
};

/** Easter Sunday of a year: the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export const easterSunday = (year: number): string => {
  checkYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return calendarDate(year, month, day);
};

const FIXED: readonly (readonly [month: number, day: number, name: string])[] = [
  [1, 1, "Jour de l'an"],
  [5, 1, 'Fête du Travail'],
  [5, 8, 'Victoire 1945'],
  [7, 14, 'Fête nationale'],
  [8, 15, 'Assomption'],
  [11, 1, 'Toussaint'],
  [11, 11, 'Armistice 1918'],
  [12, 25, 'Noël'],
];

/** Public holidays of a year, in date order. */
export const frenchPublicHolidays = (year: number, region: HolidayRegion = 'france'): PublicHoliday[] => {
  const easter = easterSunday(year);
  const holidays: PublicHoliday[] = [
    ...FIXED.map(([month, day, name]) => ({ date: calendarDate(year, month, day), name })),
    { date: addDays(easter, 1), name: 'Lundi de Pâques' },
    { date: addDays(easter, 39), name: 'Ascension' },
    // Still a public holiday, even where the "journée de solidarité" is worked on it.
    { date: addDays(easter, 50), name: 'Lundi de Pentecôte' },
  ];
  if (region === 'alsace-moselle') {
    holidays.push(
      { date: addDays(easter, -2), name: 'Vendredi saint' },
      { date: calendarDate(year, 12, 26), name: 'Saint-Étienne' },
    );
  }
  // Ascension can fall on 1 or 8 May (2008: 1 May): one entry per date.
  const byDate = new Map<string, PublicHoliday>();
  for (const holiday of holidays) {
    const same = byDate.get(holiday.date);
    byDate.set(holiday.date, same ? { date: holiday.date, name: `${same.name}, ${holiday.name}` } : holiday);
  }
  return [...byDate.values()].sort((x, y) => x.date.localeCompare(y.date));
};
