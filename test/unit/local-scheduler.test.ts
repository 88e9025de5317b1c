/** The local scheduler on its own clock (jest's fake timers stand in for the passing of time). */
import { jest } from '@jest/globals';
import type { LambdaHandler } from '../../infra/local/handler-loader';
import { createScheduler, type ScheduledEvent } from '../../infra/local/scheduler';

describe('on its clock', () => {
  const recording = () => {
    const events: ScheduledEvent[] = [];
    const handler: LambdaHandler = async (event) => {
      events.push(event as ScheduledEvent);
    };
    return { events, loadHandler: async () => handler };
  };

  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-11-24T12:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('fires a rate schedule each time its interval passes', async () => {
    const { events, loadHandler } = recording();
    const scheduler = createScheduler({
      schedules: [{ id: 'everyMinute', expression: 'rate(1 minute)', handler: 'unused.ts' }],
      loadHandler,
    });
    scheduler.start();

    await jest.advanceTimersByTimeAsync(120_000);
    await scheduler.stop();

    expect(events).toEqual([
      { scheduleId: 'everyMinute', scheduledTime: '2026-11-24T12:01:00.000Z' },
      { scheduleId: 'everyMinute', scheduledTime: '2026-11-24T12:02:00.000Z' },
    ]);
  });

  it('fires a cron schedule at its time, in UTC', async () => {
    const { events, loadHandler } = recording();
    const scheduler = createScheduler({
      schedules: [{ id: 'halfPast', expression: 'cron(30 12 * * ? *)', handler: 'unused.ts' }],
      loadHandler,
    });
    scheduler.start();

    await jest.advanceTimersByTimeAsync(29 * 60_000);
    const beforeItsTime = events.length;
    await jest.advanceTimersByTimeAsync(60_000);
    await scheduler.stop();

    expect(beforeItsTime).toBe(0);
    expect(events).toEqual([{ scheduleId: 'halfPast', scheduledTime: '2026-11-24T12:30:00.000Z' }]);
  });

  it('refuses to start with an expression EventBridge would refuse', () => {
    expect(() =>
      createScheduler({
        schedules: [{ id: 'bad', expression: 'rate(1 minutes)', handler: 'unused.ts' }],
        loadHandler: async () => async () => undefined,
      }),
    ).toThrow(/Invalid schedule expression "rate\(1 minutes\)"/);
  });
});
