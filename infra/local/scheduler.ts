/**
 * The local stand-in for EventBridge Scheduler: calls each declared schedule's handler on its
 * rate or cron expression (UTC) with `{ scheduleId, scheduledTime }`, and fires one now on
 * `POST /_local/schedules/{id}/run`, answering with what the handler returned.
 */
import { NotFoundError } from '../../shared/kernel/errors';
import type { ScheduleDeclaration } from '../../shared/wiring/types';
import type { HandlerLoader } from './handler-loader';
import { describeError } from './describe-error';
import { createLambdaContext } from './lambda-context';
import { jsonResponse, problemResponse, type LocalRoute } from './local-http';
import { parseScheduleExpression } from './schedule-expression';

export interface ScheduledEvent {
  readonly scheduleId: string;
  /** ISO 8601, the time the run was due. */
  readonly scheduledTime: string;
}

export interface SchedulerOptions {
  readonly schedules: readonly Pick<ScheduleDeclaration, 'id' | 'expression' | 'handler'>[];
  readonly loadHandler: HandlerLoader;
  readonly log?: (line: string) => void;
}

export interface Scheduler {
  readonly route: LocalRoute;
  start(): void;
  /** Clears the timers and waits for runs in progress. */
  stop(): Promise<void>;
  /** Runs a schedule's handler now; undefined when no schedule has this id. */
  runNow(id: string): Promise<{ readonly result: unknown } | undefined>;
}

/** Timers cannot wait longer than this (about 24.8 days); a longer wait is re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** What getRemainingTimeInMillis counts down from; the real timeout is set in infra/. */
const INVOCATION_TIMEOUT_MS = 60_000;

export const createScheduler = (options: SchedulerOptions): Scheduler => {
  const log = options.log ?? (() => {});
  // Parsed up front: a bad expression stops the start, as it would stop a deployment.
  const schedules = new Map(
    options.schedules.map((s) => [s.id, { ...s, parsed: parseScheduleExpression(s.expression) }]),
  );
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, Promise<unknown>>();
  let stopped = true;

  const invoke = (id: string, scheduledTime: Date): Promise<unknown> => {
    const schedule = schedules.get(id)!;
    const event: ScheduledEvent = { scheduleId: id, scheduledTime: scheduledTime.toISOString() };
    const run = options
      .loadHandler(schedule.handler)
      .then((handler) => handler(event, createLambdaContext(id, INVOCATION_TIMEOUT_MS)));
    running.set(id, run);
    const forget = () => running.get(id) === run && running.delete(id);
    run.then(forget, forget);
    return run;
  };

  const arm = (id: string, after: Date) => {
    const schedule = schedules.get(id)!;
    let due = schedule.parsed.next(after);
    // Woken late (a suspended laptop): skip the missed runs rather than fire them in a burst.
    if (due && due.getTime() < Date.now()) due = schedule.parsed.next(new Date());
    if (!due || stopped) return;
    const fireAt = due;
    const wait = fireAt.getTime() - Date.now();
    timers.set(
      id,
      setTimeout(
        () => {
          if (Date.now() < fireAt.getTime()) return arm(id, after); // a wait longer than one timer allows
          if (running.has(id))
            log(`${id}: skipped the run due ${fireAt.toISOString()}, the previous one is still running`);
          else invoke(id, fireAt).catch((error: unknown) => log(`${id} failed: ${describeError(error)}`));
          arm(id, fireAt);
        },
        Math.min(Math.max(wait, 0), MAX_TIMER_MS),
      ),
    );
  };

  const runNow: Scheduler['runNow'] = async (id) => {
    if (!schedules.has(id)) return undefined;
    return { result: await invoke(id, new Date()) };
  };

  return {
    start() {
      stopped = false;
      const now = new Date();
      for (const id of schedules.keys()) arm(id, now);
    },
    async stop() {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled(running.values());
    },
    runNow,
    route: {
      method: 'POST',
      path: '/_local/schedules/{id}/run',
      async handle({ params }) {
        const id = params.id!;
        try {
          const run = await runNow(id);
          if (!run) {
            const declared = [...schedules.keys()].join(', ');
            return problemResponse(new NotFoundError(`No schedule is declared with id "${id}"; declared: ${declared}`));
          }
          return jsonResponse(200, run.result ?? null);
        } catch (error) {
          log(`${id} failed: ${describeError(error)}`);
          return problemResponse(error instanceof Error ? error : new Error(String(error)));
        }
      },
    },
  };
};
