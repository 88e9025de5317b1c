/**
 * Builds a scheduled trigger's Lambda handler: the Lambda context on every log line (one log scope
 * per run), the business metrics it counted published, and its result
 * logged when it did something. Same on Lambda and under the local scheduler.
 */
import type { Context } from 'aws-lambda';
import { inLogScope, logger } from './logger';
import { publishMetrics } from './metrics';
import { inHandlerSubsegment } from './tracing';

export const scheduledHandler =
  <T extends object>(name: string, run: () => Promise<T>, didSomething: (result: T) => boolean = () => true) =>
  (_event: unknown, context?: Context): Promise<T> =>
    // A log scope of its own: keys added during the run are gone with it.
    inLogScope(context, () =>
      inHandlerSubsegment(async () => {
        try {
          const result = await run();
          if (didSomething(result)) logger.info(name, { result });
          return result;
        } finally {
          publishMetrics();
        }
      }),
    );
