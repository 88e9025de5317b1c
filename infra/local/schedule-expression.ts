/**
 * EventBridge Scheduler expressions, evaluated in UTC: `rate(value unit)` and the six-field
 * `cron(minutes hours day-of-month month day-of-week year)`, with EventBridge's wildcards
 * (`, - * / ?`, `L`, `W`, `#`, names like MON or JAN; day-of-week 1 = SUN).
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html
 * An expression EventBridge would refuse is refused here too, at start, not at its first firing.
 */
export interface ScheduleExpression {
  /** The first fire time strictly after `after`; undefined if it never fires again. */
  next(after: Date): Date | undefined;
}

const RATE_UNITS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

const parseRate = (expression: string, spec: string): ScheduleExpression => {
  const match = /^(\d+) (minute|minutes|hour|hours|day|days)$/.exec(spec.trim());
  const value = Number(match?.[1]);
  if (!match || value < 1) throw invalid(expression, 'a rate is "rate(<positive integer> <minute|hour|day>[s])"');
  // EventBridge wants the singular for 1 and the plural otherwise.
  if ((value === 1) !== !match[2]!.endsWith('s'))
    throw invalid(expression, `write "${value} ${value === 1 ? match[2]!.replace(/s$/, '') : `${match[2]}s`}"`);
  const intervalMs = value * RATE_UNITS[match[2]!.replace(/s$/, '')]!;
  return { next: (after) => new Date(after.getTime() + intervalMs) };
};

interface FieldRange {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const MINUTES: FieldRange = { name: 'minutes', min: 0, max: 59 };
const HOURS: FieldRange = { name: 'hours', min: 0, max: 23 };
const DAY_OF_MONTH: FieldRange = { name: 'day-of-month', min: 1, max: 31 };
const MONTH: FieldRange = {
  name: 'month',
  min: 1,
  max: 12,
  names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
};
const DAY_OF_WEEK: FieldRange = {
  name: 'day-of-week',
  min: 1,
  max: 7,
  names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'],
};
const YEAR: FieldRange = { name: 'year', min: 1970, max: 2199 };

class InvalidExpression extends Error {}
const invalid = (expression: string, reason: string) =>
  new InvalidExpression(`Invalid schedule expression "${expression}": ${reason}`);

/** One value: a number or (month, day of week) a name. */
const valueOf = (token: string, range: FieldRange, fail: (reason: string) => Error): number => {
  const named = range.names?.indexOf(token.toUpperCase()) ?? -1;
  const value = named >= 0 ? named + range.min : /^\d+$/.test(token) ? Number(token) : NaN;
  if (!(value >= range.min && value <= range.max))
    throw fail(`${range.name} "${token}" is not between ${range.min} and ${range.max}`);
  return value;
};

/** A list of `*`, `a`, `a-b` (wrapping past the end, as FRI-MON), each with an optional `/step`. */
const valuesOf = (spec: string, range: FieldRange, fail: (reason: string) => Error): Set<number> => {
  const values = new Set<number>();
  for (const item of spec.split(',')) {
    const [span = '', stepText, extra] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (extra !== undefined || !Number.isInteger(step) || step < 1)
      throw fail(`${range.name} "${item}" has a bad step`);
    const [fromText = '', toText] = span === '*' ? [String(range.min), String(range.max)] : span.split('-');
    const from = valueOf(fromText, range, fail);
    const to = toText !== undefined ? valueOf(toText, range, fail) : stepText !== undefined ? range.max : from;
    const count = (to >= from ? to - from : to - from + range.max - range.min + 1) + 1;
    for (let i = 0; i < count; i += step)
      values.add(((from - range.min + i) % (range.max - range.min + 1)) + range.min);
  }
  return values;
};

interface Day {
  readonly day: number;
  /** 1 = Sunday … 7 = Saturday, as in cron. */
  readonly weekday: number;
  readonly lastDay: number;
}

type DayTest = (day: Day) => boolean;

const isWeekday = (weekday: number) => weekday >= 2 && weekday <= 6;
const weekdayOf = (d: Day, day: number) => ((((d.weekday - 1 + day - d.day) % 7) + 7) % 7) + 1;

/** `nW`: the weekday nearest day n, without leaving the month. */
const nearestWeekday = (d: Day, n: number): number => {
  const target = Math.min(n, d.lastDay);
  const weekday = weekdayOf(d, target);
  if (weekday === 7) return target === 1 ? 3 : target - 1; // Saturday → Friday (or Monday the 3rd)
  if (weekday === 1) return target === d.lastDay ? target - 2 : target + 1; // Sunday → Monday (or Friday)
  return target;
};

const dayOfMonthTest = (spec: string, fail: (reason: string) => Error): DayTest => {
  const tests = spec.split(',').map((item): DayTest => {
    if (item === 'L') return (d) => d.day === d.lastDay;
    if (item === 'LW') return (d) => d.day === nearestWeekday(d, d.lastDay) && isWeekday(d.weekday);
    const weekday = /^(\d+)W$/.exec(item);
    if (weekday) {
      const n = valueOf(weekday[1]!, DAY_OF_MONTH, fail);
      return (d) => d.day === nearestWeekday(d, n);
    }
    const days = valuesOf(item, DAY_OF_MONTH, fail);
    return (d) => days.has(d.day);
  });
  return (d) => tests.some((test) => test(d));
};

const dayOfWeekTest = (spec: string, fail: (reason: string) => Error): DayTest => {
  const tests = spec.split(',').map((item): DayTest => {
    const nth = /^(\w+)#([1-5])$/.exec(item);
    if (nth) {
      const weekday = valueOf(nth[1]!, DAY_OF_WEEK, fail);
      const n = Number(nth[2]);
      return (d) => d.weekday === weekday && Math.ceil(d.day / 7) === n;
    }
    const last = /^(\w*)L$/.exec(item);
    if (last) {
      const weekday = last[1] ? valueOf(last[1], DAY_OF_WEEK, fail) : 7;
      return (d) => d.weekday === weekday && d.day + 7 > d.lastDay;
    }
    const weekdays = valuesOf(item, DAY_OF_WEEK, fail);
    return (d) => weekdays.has(d.weekday);
  });
  return (d) => tests.some((test) => test(d));
};

const parseCron = (expression: string, spec: string): ScheduleExpression => {
  const fail = (reason: string) => invalid(expression, reason);
  const fields = spec.trim().split(/\s+/);
  if (fields.length !== 6) throw fail('a cron has six fields: minutes hours day-of-month month day-of-week year');
  const [minutesSpec, hoursSpec, domSpec, monthSpec, dowSpec, yearSpec] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if ((domSpec === '?') === (dowSpec === '?')) throw fail('exactly one of day-of-month and day-of-week must be "?"');

  const minutes = [...valuesOf(minutesSpec, MINUTES, fail)].sort((a, b) => a - b);
  const hours = [...valuesOf(hoursSpec, HOURS, fail)].sort((a, b) => a - b);
  const months = valuesOf(monthSpec, MONTH, fail);
  const years = valuesOf(yearSpec, YEAR, fail);
  const dayMatches = domSpec === '?' ? dayOfWeekTest(dowSpec, fail) : dayOfMonthTest(domSpec, fail);

  return {
    next(after) {
      // Walk the days from the one holding `after`; on a matching day, the first matching minute after it.
      const start = new Date(Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), after.getUTCDate()));
      for (let day = start; day.getUTCFullYear() <= YEAR.max; day = new Date(day.getTime() + 86_400_000)) {
        const year = day.getUTCFullYear();
        const month = day.getUTCMonth() + 1;
        if (!years.has(year) || !months.has(month)) continue;
        const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
        if (!dayMatches({ day: day.getUTCDate(), weekday: day.getUTCDay() + 1, lastDay })) continue;
        for (const hour of hours) {
          for (const minute of minutes) {
            const time = day.getTime() + hour * 3_600_000 + minute * 60_000;
            if (time > after.getTime()) return new Date(time);
          }
        }
      }
      return undefined;
    },
  };
};

export const parseScheduleExpression = (expression: string): ScheduleExpression => {
  const match = /^(rate|cron)\((.*)\)$/.exec(expression.trim());
  if (!match) throw invalid(expression, 'expected rate(...) or cron(...)');
  return match[1] === 'rate' ? parseRate(expression, match[2]!) : parseCron(expression, match[2]!);
};
