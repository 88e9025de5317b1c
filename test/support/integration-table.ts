/**
 * Gives an integration test file its own table in the run's DynamoDB Local, and points the
 * platform's modules at it. Modules read TABLE_NAME when imported, so import them dynamically
 * after calling this.
 */
import { randomUUID } from 'node:crypto';
import { createTableIfAbsent, localDynamoDbClient } from '../../infra/local/table';

export const useFreshTable = async (prefix: string): Promise<string> => {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint)
    throw new Error(
      'DYNAMODB_ENDPOINT is not set: run the tests with `npm test` (its global setup starts DynamoDB Local)',
    );
  const tableName = `${prefix}-${randomUUID().slice(0, 8)}`;
  await createTableIfAbsent(localDynamoDbClient(endpoint), tableName);
  process.env.TABLE_NAME = tableName;
  process.env.QUEUE_URLS ??= '{}';
  return tableName;
};
