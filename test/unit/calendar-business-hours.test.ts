/**
 * Business-hour arithmetic on a body's calendar. Instants are written with their Paris offset
 * (+01:00 in winter, +02:00 in summer) so each reads as the wall clock an agent would see.
 */
import {
  addBusinessHours,
  businessHoursBetween,
  calendarIssues,
  defaultBodyCalendar,
  type BusinessCalendar,
} from '../../shared/calendar/business-calendar';
import { BusinessCalendarSchema } from '../../shared/calendar/calendar-schemas';
import { InvalidInputError } from '../../shared/kernel/errors';

const at = (iso: string) => new Date(iso);
const office = defaultBodyCalendar;
const roundTheClock: BusinessCalendar = {
  timeZone: 'Europe/Paris',
  week: Object.fromEntries(
    ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => [
      day,
      [{ from: '00:00', to: '24:00' }],
    ]),
  ),
  publicHolidays: 'none',
  closures: [],
};

describe('the due date of a business-hour target', () => {
  test('a 16-business-hour target filed on Friday 16:00 before Easter Monday falls due on Wednesday at 17:00', () => {
    expect(addBusinessHours(office, at('2026-04-03T16:00+02:00'), 16)).toEqual(at('2026-04-08T17:00+02:00'));
  });

  test('a 4-hour target filed on Friday 15:00 runs over the weekend to Monday 10:00', () => {
    expect(addBusinessHours(office, at('2026-01-16T15:00+01:00'), 4)).toEqual(at('2026-01-19T10:00+01:00'));
  });

  test('a report filed on Saturday starts counting at Monday 08:30', () => {
    expect(addBusinessHours(office, at('2026-01-17T11:00+01:00'), 1)).toEqual(at('2026-01-19T09:30+01:00'));
  });

  test('a report filed during the lunch break starts counting at 13:30', () => {
    expect(addBusinessHours(office, at('2026-01-19T12:15+01:00'), 1)).toEqual(at('2026-01-19T14:30+01:00'));
  });

  test('a report filed at night starts counting at the next morning’s opening', () => {
    expect(addBusinessHours(office, at('2026-01-19T23:00+01:00'), 2)).toEqual(at('2026-01-20T10:30+01:00'));
  });

  test('a target of zero hours filed outside working hours falls due at the next opening', () => {
    expect(addBusinessHours(office, at('2026-01-17T11:00+01:00'), 0)).toEqual(at('2026-01-19T08:30+01:00'));
  });

  test('a target that runs out exactly at closing time falls due at closing time, not the next morning', () => {
    expect(addBusinessHours(office, at('2026-01-19T16:30+01:00'), 1)).toEqual(at('2026-01-19T17:30+01:00'));
  });

  test('a fraction of an hour counts in minutes: 1.25 hours from 11:00 is 13:45', () => {
    expect(addBusinessHours(office, at('2026-01-19T11:00+01:00'), 1.25)).toEqual(at('2026-01-19T13:45+01:00'));
  });

  test('a closure between Christmas and New Year pushes a 4-hour target filed on 23 December to 4 January 11:00', () => {
    const closedForTheHolidays = { ...office, closures: [{ from: '2026-12-24', to: '2026-12-31' }] };

    expect(addBusinessHours(closedForTheHolidays, at('2026-12-23T16:00+01:00'), 4)).toEqual(
      at('2027-01-04T11:00+01:00'),
    );
  });

  test('with public holidays off, Easter Monday counts as a working day', () => {
    const open = { ...office, publicHolidays: 'none' as const };

    expect(addBusinessHours(open, at('2026-04-03T16:00+02:00'), 16)).toEqual(at('2026-04-07T17:00+02:00'));
  });

  test('an Alsace-Moselle body is closed on Good Friday as well as Easter Monday', () => {
    const alsace = { ...office, publicHolidays: 'alsace-moselle' as const };

    expect(addBusinessHours(alsace, at('2026-04-02T17:00+02:00'), 1)).toEqual(at('2026-04-07T09:00+02:00'));
  });

  test('a body open on Saturday morning counts it: 2 hours from Friday 17:00 end on Saturday 10:30', () => {
    const saturdayMornings = { ...office, week: { ...office.week, saturday: [{ from: '09:00', to: '12:00' }] } };

    expect(addBusinessHours(saturdayMornings, at('2026-01-16T17:00+01:00'), 2)).toEqual(at('2026-01-17T10:30+01:00'));
  });
});

describe('across a change of daylight saving time', () => {
  test('a 4-hour target filed on the Friday before clocks go forward falls due on Monday 11:00 summer time', () => {
    expect(addBusinessHours(office, at('2026-03-27T16:00+01:00'), 4)).toEqual(at('2026-03-30T11:00+02:00'));
  });

  test('a 4-hour target filed on the Friday before clocks go back falls due on Monday 11:00 winter time', () => {
    expect(addBusinessHours(office, at('2026-10-23T16:00+02:00'), 4)).toEqual(at('2026-10-26T11:00+01:00'));
  });

  test('a round-the-clock calendar counts 23 hours on the day clocks go forward and 25 on the day they go back', () => {
    expect(businessHoursBetween(roundTheClock, at('2026-03-29T00:00+01:00'), at('2026-03-30T00:00+02:00'))).toBe(23);
    expect(businessHoursBetween(roundTheClock, at('2026-10-25T00:00+02:00'), at('2026-10-26T00:00+01:00'))).toBe(25);
  });

  test('24 round-the-clock hours from Saturday noon before clocks go forward end on Sunday 13:00', () => {
    expect(addBusinessHours(roundTheClock, at('2026-03-28T12:00+01:00'), 24)).toEqual(at('2026-03-29T13:00+02:00'));
  });

  test('opening hours inside the skipped hour are empty on that night', () => {
    const nightShift = { ...roundTheClock, week: { sunday: [{ from: '02:00', to: '03:00' }] } };

    expect(businessHoursBetween(nightShift, at('2026-03-28T00:00+01:00'), at('2026-03-31T00:00+02:00'))).toBe(0);
    expect(businessHoursBetween(nightShift, at('2026-10-24T00:00+02:00'), at('2026-10-27T00:00+01:00'))).toBe(2);
  });
});

describe('business time elapsed between two instants', () => {
  test('from Friday 15:00 to Tuesday 10:00 it leaves the weekend out: 11.5 hours', () => {
    expect(businessHoursBetween(office, at('2026-01-16T15:00+01:00'), at('2026-01-20T10:00+01:00'))).toBe(11.5);
  });

  test('a year of office hours in 2026 is 252 working days of 7.5 hours', () => {
    expect(businessHoursBetween(office, at('2026-01-01T00:00+01:00'), at('2027-01-01T00:00+01:00'))).toBe(1890);
  });

  test('is zero over a weekend and negative when the end precedes the start', () => {
    expect(businessHoursBetween(office, at('2026-01-17T09:00+01:00'), at('2026-01-18T18:00+01:00'))).toBe(0);
    expect(businessHoursBetween(office, at('2026-01-19T10:00+01:00'), at('2026-01-19T09:00+01:00'))).toBe(-1);
  });

  test('the business time a target took is the target itself, whatever the start', () => {
    const starts = Array.from(
      { length: 24 * 14 },
      (_, i) => new Date(Date.parse('2026-03-23T00:00+01:00') + i * 3600_000),
    );
    for (const start of starts) {
      for (const hours of [0.5, 3, 7.5, 16, 40]) {
        expect(businessHoursBetween(office, start, addBusinessHours(office, start, hours))).toBeCloseTo(hours, 9);
      }
    }
  });
});

describe('a calendar that cannot be used', () => {
  test('a negative target is refused', () => {
    expect(() => addBusinessHours(office, at('2026-01-19T10:00+01:00'), -1)).toThrow(InvalidInputError);
  });

  test('a calendar with no opening hours has no due date', () => {
    expect(() => addBusinessHours({ ...office, week: {} }, at('2026-01-19T10:00+01:00'), 1)).toThrow(
      'no opening hours',
    );
  });

  test('overlapping ranges, an unknown time zone and a closure that ends before it starts are each reported', () => {
    const broken: BusinessCalendar = {
      timeZone: 'Europe/Atlantis',
      week: {
        monday: [
          { from: '08:30', to: '12:00' },
          { from: '11:00', to: '17:00' },
        ],
        tuesday: [{ from: '25:00', to: '26:00' }],
      },
      publicHolidays: 'france',
      closures: [{ from: '2026-12-31', to: '2026-12-24' }],
    };

    expect(calendarIssues(broken).map((issue) => issue.path)).toEqual([
      'timeZone',
      'week.monday.1',
      'week.tuesday.0.from',
      'week.tuesday.0.to',
      'closures.0',
    ]);
    expect(() => businessHoursBetween(broken, at('2026-01-19T10:00+01:00'), at('2026-01-20T10:00+01:00'))).toThrow(
      InvalidInputError,
    );
  });
});

describe('the calendar schema', () => {
  test('accepts the default calendar after a JSON round trip, as it comes back from storage', () => {
    const stored = JSON.parse(JSON.stringify(defaultBodyCalendar)) as unknown;

    expect(BusinessCalendarSchema.parse(stored)).toEqual(defaultBodyCalendar);
  });

  test('reports a range that closes before it opens at its path', () => {
    const result = BusinessCalendarSchema.safeParse({
      ...defaultBodyCalendar,
      week: { friday: [{ from: '14:00', to: '09:00' }] },
    });

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['week', 'friday', 0]]);
  });

  test('refuses a weekday it does not know', () => {
    expect(BusinessCalendarSchema.safeParse({ ...defaultBodyCalendar, week: { funday: [] } }).success).toBe(false);
  });
});
