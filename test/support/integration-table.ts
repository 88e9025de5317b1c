/**
 * Gives an integration test file its own table in the run's DynamoDB Local, and points the
 * platform's modules at it. Modules read TABLE_NAME when imported, so import them dynamically
 * after calling this. (A thin wrapper over ./table.ts, which holds the one implementation.)
 */
import { createTestTable } from './table';

export const useFreshTable = async (prefix: string): Promise<string> => {
  const { tableName } = await createTestTable(prefix);
  process.env.QUEUE_URLS ??= '{}';
  // Without queues every dispatch logs a warning (the relay would send later): keep the output readable.
  process.env.LOG_LEVEL ??= 'ERROR';
  return tableName;
};
