/**
 * A fresh table for one integration test file, with the production design (keys, GSIs, TTL), in
 * the run's DynamoDB Local. Modules under shared/ read TABLE_NAME when first imported, so create
 * the table first, then import them:
 *
 *   const table = await createTestTable('reports');
 *   const { saveReport } = await import('../../shared/reports/report-repository');
 *   afterAll(() => table.drop());
 */
import { DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { createTableIfAbsent, localDynamoDbClient } from '../../infra/local/table';

export interface TestTable {
  readonly tableName: string;
  readonly client: DynamoDBClient;
  drop(): Promise<void>;
}

export const createTestTable = async (label = 'test'): Promise<TestTable> => {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint)
    throw new Error(
      'DYNAMODB_ENDPOINT is not set: run the tests with `npm test` (test/support/global-setup.ts starts DynamoDB Local)',
    );
  const tableName = `${label.replace(/[^A-Za-z0-9_.-]/g, '-')}-${randomUUID().slice(0, 8)}`;
  const client = localDynamoDbClient(endpoint, process.env.AWS_REGION);
  await createTableIfAbsent(client, tableName);
  process.env.TABLE_NAME = tableName;
  return {
    tableName,
    client,
    async drop() {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
      client.destroy();
    },
  };
};
