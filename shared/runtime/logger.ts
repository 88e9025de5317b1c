import { Logger } from '@aws-lambda-powertools/logger';

/** Structured JSON logs; the correlation id is appended per request by the HTTP stack. */
export const logger = new Logger({
  serviceName: 'ville-ouverte',
  logLevel: (process.env.LOG_LEVEL ?? 'INFO') as 'INFO',
});
