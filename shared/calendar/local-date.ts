/**
 * Calendar dates ('YYYY-MM-DD') and wall-clock times in an IANA time zone, turned into instants and
 * back with Intl alone (no time-zone library), so that days of 23 or 25 hours (DST changes) count
 * exactly what a clock on the wall shows.
 */
const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export const calendarDate = (year: number, month: number, day: number): string =>
  `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

/** Midnight UTC of a date, as a day number to count with. */
const utcMidnight = (date: string): number => {
  const match = DATE.exec(date);
  if (!match) throw new RangeError(`Expected a date as YYYY-MM-DD, got ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
};

const fromUtcMidnight = (ms: number): string => {
  const d = new Date(ms);
  return calendarDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
};

/** True for a real date written YYYY-MM-DD (no 30 February). */
export const isCalendarDate = (value: string): boolean =>
  DATE.test(value) && fromUtcMidnight(utcMidnight(value)) === value;

export const addDays = (date: string, days: number): string => fromUtcMidnight(utcMidnight(date) + days * DAY_MS);

/** 0 = Monday … 6 = Sunday. */
export const weekdayIndex = (date: string): number => (new Date(utcMidnight(date)).getUTCDay() + 6) % 7;

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws a RangeError for an unknown time zone.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

export const isTimeZone = (timeZone: string): boolean => {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
};

/** The wall clock at an instant, read as if it were UTC: comparing it with the instant gives the offset. */
const wallClockAsUtc = (epochMs: number, timeZone: string): number => {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return Date.UTC(fields.year!, fields.month! - 1, fields.day!, fields.hour!, fields.minute!, fields.second!);
};

/** Milliseconds the zone is ahead of UTC at an instant (Paris: 3 600 000 in winter, 7 200 000 in summer). */
const offsetAt = (epochMs: number, timeZone: string): number => {
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  return wallClockAsUtc(wholeSecond, timeZone) - wholeSecond;
};

/** The date a wall calendar shows at an instant. */
export const localDateOf = (epochMs: number, timeZone: string): string =>
  fromUtcMidnight(Math.floor(wallClockAsUtc(epochMs, timeZone) / DAY_MS) * DAY_MS);

/** Offsets a day before and two days after a date's midnight: equal when no change of offset comes near it. */
const offsetsAround = new Map<string, readonly [number, number]>();
const offsetsNear = (date: string, timeZone: string): readonly [number, number] => {
  const key = `${timeZone} ${date}`;
  let offsets = offsetsAround.get(key);
  if (!offsets) {
    const midnight = utcMidnight(date);
    offsets = [offsetAt(midnight - DAY_MS, timeZone), offsetAt(midnight + 2 * DAY_MS, timeZone)];
    // Business-time sums walk day by day: remembering the days seen makes them cheap.
    if (offsetsAround.size >= 10_000) offsetsAround.clear();
    offsetsAround.set(key, offsets);
  }
  return offsets;
};

/**
 * The instant a wall clock shows `minutes` after midnight on `date` (1440 = the next midnight).
 * A time shown twice (clocks going back) is its first occurrence; a time never shown (clocks going
 * forward) is pushed forward by the gap, as a clock would be: Temporal's "compatible".
 */
export const instantAt = (date: string, minutes: number, timeZone: string): number => {
  const wall = utcMidnight(date) + minutes * 60_000;
  const [aroundBefore, aroundAfter] = offsetsNear(date, timeZone);
  if (aroundBefore === aroundAfter) return wall - aroundBefore;
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  // A change of offset near this time: the larger offset gives the earlier instant.
  for (const offset of [Math.max(before, after), Math.min(before, after)]) {
    if (offsetAt(wall - offset, timeZone) === offset) return wall - offset;
  }
  return wall - before;
};
