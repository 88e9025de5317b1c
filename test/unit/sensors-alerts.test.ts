import { conditionHolds, isSilent, parseDurationSeconds, type AlertRule } from '../../shared/sensors/alerts';

const rule = (operator: AlertRule['operator'], threshold?: number | string): AlertRule => ({
  territory: '243100518',
  id: 'r',
  name: 'r',
  scope: { type: 'AirQualityObserved' },
  property: 'no2',
  operator,
  ...(threshold !== undefined ? { threshold } : {}),
  severity: 'warning',
  version: 1,
  updatedAt: '2025-03-14T00:00:00Z',
});
const at = (value: number | string) => ({ value, observedAt: '2025-03-14T10:00:00.000Z' });

describe('alert conditions', () => {
  test.each([
    ['GT', 40, 40.1, 40],
    ['GTE', 40, 40, 39.9],
    ['LT', 5, 4.9, 5],
    ['LTE', 5, 5, 5.1],
    ['EQ', 0, 0, 0.1],
  ] as const)('%s %s holds for %s and not for %s', (operator, threshold, holds, not) => {
    expect(conditionHolds(rule(operator, threshold), at(holds))).toBe(true);
    expect(conditionHolds(rule(operator, threshold), at(not))).toBe(false);
  });

  test('EQ compares statuses too', () => {
    expect(conditionHolds(rule('EQ', 'defectiveLamp'), at('defectiveLamp'))).toBe(true);
    expect(conditionHolds(rule('EQ', 'defectiveLamp'), at('ok'))).toBe(false);
  });

  test('a threshold comparison never holds between a number and a status', () => {
    expect(conditionHolds(rule('GT', 1), at('on'))).toBe(false);
  });

  test('CHANGE holds when the value differs from the one before, by at least the step when there is one', () => {
    expect(conditionHolds(rule('CHANGE'), at('off'), at('on'))).toBe(true);
    expect(conditionHolds(rule('CHANGE'), at('on'), at('on'))).toBe(false);
    expect(conditionHolds(rule('CHANGE', 10), at(55), at(40))).toBe(true);
    expect(conditionHolds(rule('CHANGE', 10), at(45), at(40))).toBe(false);
    expect(conditionHolds(rule('CHANGE'), at(45))).toBe(false); // nothing before
  });

  test('a sensor is silent once its last value (or its registration) is older than the rule allows', () => {
    const frozen = { ...rule('FROZEN'), silentForSeconds: 1800 };
    const now = new Date('2025-03-14T12:00:00Z');
    expect(isSilent(frozen, now, '2025-03-14T11:29:00Z', '2025-01-01T00:00:00Z')).toBe(true);
    expect(isSilent(frozen, now, '2025-03-14T11:31:00Z', '2025-01-01T00:00:00Z')).toBe(false);
    expect(isSilent(frozen, now, undefined, '2025-03-14T11:45:00Z')).toBe(false);
  });

  test('durations read as ISO 8601', () => {
    expect(parseDurationSeconds('PT30M')).toBe(1800);
    expect(parseDurationSeconds('P1DT2H')).toBe(93_600);
    expect(parseDurationSeconds('PT')).toBeUndefined();
    expect(parseDurationSeconds('30 minutes')).toBeUndefined();
  });
});
