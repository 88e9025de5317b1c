/**
 * Builds a scheduled trigger's Lambda handler: the Lambda context on every log line (keys added
 * during the run removed after it), the business metrics it counted published, and its result
 * logged when it did something. Same on Lambda and under the local scheduler.
 */
import type { Context } from 'aws-lambda';
import { logger } from './logger';
import { publishMetrics } from './metrics';

export const scheduledHandler =
  <T extends object>(name: string, run: () => Promise<T>, didSomething: (result: T) => boolean = () => true) =>
  async (_event: unknown, context?: Context): Promise<T> => {
    if (context) logger.addContext(context);
    try {
      const result = await run();
      if (didSomething(result)) logger.info(name, { result });
      return result;
    } finally {
      publishMetrics();
      logger.resetKeys();
    }
  };
