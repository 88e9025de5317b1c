import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Structured JSON logs (Powertools; the level comes from POWERTOOLS_LOG_LEVEL or LOG_LEVEL, read
 * by Powertools itself). Handlers add the Lambda context; the HTTP stack adds the correlation id.
 */
export const logger = new Logger({ serviceName: 'ville-ouverte' });

/**
 * Runs `work` with `keys` on every log line it writes, then removes them, so a line about one
 * queue record never names another record's ids.
 */
export const withRecordKeys = async <T>(keys: Readonly<Record<string, string>>, work: () => Promise<T>): Promise<T> => {
  logger.appendKeys(keys);
  try {
    return await work();
  } finally {
    logger.removeKeys(Object.keys(keys));
  }
};
