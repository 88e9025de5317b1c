import { addDecimals, addExact } from '../../shared/sensors/exact-sum';
import { combineRollups, mergeRollup } from '../../shared/sensors/sensors';

describe('exact decimal sums for rollups', () => {
  test('0.1 + 0.2 is 0.3, where floating point says 0.30000000000000004', () => {
    expect(addExact('0', [0.1, 0.2])).toBe('0.3');
  });

  test('the same values in any order give the same sum, to the last digit', () => {
    const values = [23.4, 0.07, 1e-7, 1234.5678, -3.25, 99.99, 0.1, 1.5e6, 41.123456789];
    const sums = new Set<string>();
    for (let round = 0; round < 20; round++) {
      const shuffled = [...values].sort(() => Math.sin(round * 97 + values.length) - 0.5 + Math.random() - 0.5);
      // Added in two parts, as two transactions would.
      sums.add(addExact(addExact('0', shuffled.slice(0, 4)), shuffled.slice(4)));
    }
    expect([...sums]).toEqual(['1501396.001256889']);
  });

  test('negative sums and numbers written with exponents are exact', () => {
    expect(addExact('-1.5', [-2.25])).toBe('-3.75');
    expect(addExact('0', [2e21, 1])).toBe('2000000000000000000001');
  });

  test('beyond nine decimals values are rounded half away from zero', () => {
    expect(addExact('0', [0.0000000005])).toBe('0.000000001');
    expect(addExact('0', [-0.0000000005])).toBe('-0.000000001');
  });

  test("a day combined from its hours' rollups is the day's rollup of all its values, to the last digit", () => {
    const hours = [
      [23.4, 0.07, 1e-7],
      [1234.5678, -3.25],
      [99.99, 0.1, 1.5e6, 41.123456789],
    ];
    const day = combineRollups(hours.map((values) => mergeRollup(undefined, values)));
    expect(day).toEqual(mergeRollup(undefined, hours.flat()));
    expect(day?.sum).toBe('1501396.001256889');
    expect(combineRollups([])).toBeUndefined();
    expect(addDecimals(['1e-7', '-0.0000001', '2.5'])).toBe('2.5');
  });
});
