/** EventBridge Scheduler expressions as the local scheduler reads them (UTC). */
import { parseScheduleExpression } from '../../infra/local/schedule-expression';

const nextAfter = (expression: string, after: string) =>
  parseScheduleExpression(expression).next(new Date(after))?.toISOString();

describe('a rate expression', () => {
  it.each([
    ['rate(1 minute)', '2026-11-24T12:00:30.000Z'],
    ['rate(5 minutes)', '2026-11-24T12:04:30.000Z'],
    ['rate(2 hours)', '2026-11-24T13:59:30.000Z'],
    ['rate(1 day)', '2026-11-25T11:59:30.000Z'],
  ])('%s fires one interval after the previous run', (expression, expected) => {
    expect(nextAfter(expression, '2026-11-24T11:59:30.000Z')).toBe(expected);
  });

  it.each(['rate(1 minutes)', 'rate(5 minute)', 'rate(0 minutes)', 'rate(1 week)', 'rate(minute)'])(
    'refuses %s as EventBridge would',
    (expression) => {
      expect(() => parseScheduleExpression(expression)).toThrow(/Invalid schedule expression/);
    },
  );
});

describe('a cron expression', () => {
  it('fires at the next matching minute the same day', () => {
    expect(nextAfter('cron(0 3 * * ? *)', '2026-11-24T02:59:00Z')).toBe('2026-11-24T03:00:00.000Z');
  });

  it('fires strictly after the given time', () => {
    expect(nextAfter('cron(0 3 * * ? *)', '2026-11-24T03:00:00Z')).toBe('2026-11-25T03:00:00.000Z');
  });

  it('steps through minutes with */n', () => {
    expect(nextAfter('cron(*/15 * * * ? *)', '2026-11-24T12:07:00Z')).toBe('2026-11-24T12:15:00.000Z');
  });

  it('reads day-of-week names and ranges, Sunday being 1', () => {
    expect(nextAfter('cron(0 8 ? * MON-FRI *)', '2026-11-27T09:00:00Z')).toBe('2026-11-30T08:00:00.000Z');
    expect(nextAfter('cron(0 8 ? * 2-6 *)', '2026-11-27T09:00:00Z')).toBe('2026-11-30T08:00:00.000Z');
  });

  it('wraps a day-of-week range past Saturday', () => {
    expect(nextAfter('cron(0 8 ? * FRI-MON *)', '2026-11-24T09:00:00Z')).toBe('2026-11-27T08:00:00.000Z');
  });

  it('fires on the last day of the month with L', () => {
    expect(nextAfter('cron(0 12 L * ? *)', '2026-02-10T00:00:00Z')).toBe('2026-02-28T12:00:00.000Z');
  });

  it('fires on the nth weekday of the month with #', () => {
    expect(nextAfter('cron(0 9 ? * 2#1 *)', '2026-11-24T00:00:00Z')).toBe('2026-12-07T09:00:00.000Z');
  });

  it('fires on the last given weekday of the month with nL', () => {
    expect(nextAfter('cron(0 9 ? * 6L *)', '2026-11-01T00:00:00Z')).toBe('2026-11-27T09:00:00.000Z');
  });

  it('fires on the weekday nearest a day of the month with W', () => {
    expect(nextAfter('cron(0 0 15W * ? *)', '2026-08-01T00:00:00Z')).toBe('2026-08-14T00:00:00.000Z');
  });

  it('reads month names and a year', () => {
    expect(nextAfter('cron(30 6 1 JAN ? 2027)', '2026-11-24T00:00:00Z')).toBe('2027-01-01T06:30:00.000Z');
  });

  it('never fires again once its years are past', () => {
    expect(nextAfter('cron(0 0 1 1 ? 2020)', '2026-11-24T00:00:00Z')).toBeUndefined();
  });

  it.each([
    ['cron(0 3 * * * *)', /exactly one of day-of-month and day-of-week/],
    ['cron(0 3 ? * ? *)', /exactly one of day-of-month and day-of-week/],
    ['cron(0 3 * * ?)', /six fields/],
    ['cron(60 3 * * ? *)', /minutes "60" is not between 0 and 59/],
    ['cron(0 3 * FOO ? *)', /month "FOO"/],
    ['cron(*/0 3 * * ? *)', /bad step/],
    ['every day at 3', /expected rate\(...\) or cron\(...\)/],
  ])('refuses %s, saying why', (expression, reason) => {
    expect(() => parseScheduleExpression(expression)).toThrow(reason);
  });
});
