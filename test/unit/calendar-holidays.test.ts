import { easterSunday, frenchPublicHolidays } from '../../shared/calendar/french-public-holidays';

const datesOf = (year: number, region?: 'france' | 'alsace-moselle') =>
  frenchPublicHolidays(year, region).map((h) => h.date);
const dateNamed = (year: number, name: string) => frenchPublicHolidays(year).find((h) => h.name === name)?.date;

describe('Easter Sunday', () => {
  test.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
    [1818, '1818-03-22'],
  ])('falls in %i on %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  test('is refused for a year before the Gregorian calendar', () => {
    expect(() => easterSunday(1500)).toThrow(RangeError);
  });
});

describe('French public holidays', () => {
  test('2025 has the eight fixed holidays and the three that follow Easter, in date order', () => {
    expect(frenchPublicHolidays(2025)).toEqual([
      { date: '2025-01-01', name: "Jour de l'an" },
      { date: '2025-04-21', name: 'Lundi de Pâques' },
      { date: '2025-05-01', name: 'Fête du Travail' },
      { date: '2025-05-08', name: 'Victoire 1945' },
      { date: '2025-05-29', name: 'Ascension' },
      { date: '2025-06-09', name: 'Lundi de Pentecôte' },
      { date: '2025-07-14', name: 'Fête nationale' },
      { date: '2025-08-15', name: 'Assomption' },
      { date: '2025-11-01', name: 'Toussaint' },
      { date: '2025-11-11', name: 'Armistice 1918' },
      { date: '2025-12-25', name: 'Noël' },
    ]);
  });

  test('in 2026 Easter Monday is 6 April, Ascension 14 May and Whit Monday 25 May', () => {
    expect([
      dateNamed(2026, 'Lundi de Pâques'),
      dateNamed(2026, 'Ascension'),
      dateNamed(2026, 'Lundi de Pentecôte'),
    ]).toEqual(['2026-04-06', '2026-05-14', '2026-05-25']);
  });

  test.each([
    [2024, '2024-04-01', '2024-05-09', '2024-05-20'],
    [2027, '2027-03-29', '2027-05-06', '2027-05-17'],
  ])('in %i Easter Monday is %s, Ascension %s and Whit Monday %s', (year, monday, ascension, whit) => {
    expect(datesOf(year)).toEqual(expect.arrayContaining([monday, ascension, whit]));
  });

  test.each([2024, 2025, 2026, 2027, 2030])('%i has eleven of them', (year) => {
    expect(new Set(datesOf(year)).size).toBe(11);
  });

  test('when Ascension falls on 1 May (2008) the day appears once, under both names', () => {
    const holidays = frenchPublicHolidays(2008);

    expect(holidays.filter((h) => h.date === '2008-05-01')).toEqual([
      { date: '2008-05-01', name: 'Fête du Travail, Ascension' },
    ]);
    expect(holidays).toHaveLength(10);
  });

  test('Alsace-Moselle adds Good Friday and St Stephen’s Day', () => {
    const extra = datesOf(2026, 'alsace-moselle').filter((date) => !datesOf(2026).includes(date));

    expect(extra).toEqual(['2026-04-03', '2026-12-26']);
  });
});
