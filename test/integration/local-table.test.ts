/** The table the local runtime and the tests create: the production design, in DynamoDB Local. */
import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { createTableIfAbsent } from '../../infra/local/table';
import { createTestTable, type TestTable } from '../support/table';

let table: TestTable;

beforeAll(async () => {
  table = await createTestTable('local-table');
});

afterAll(() => table.drop());

it('has the generic pk/sk keys and the gsi1 and gsi2 indexes, projecting everything', async () => {
  const { Table } = await table.client.send(new DescribeTableCommand({ TableName: table.tableName }));

  expect(Table!.KeySchema).toEqual([
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ]);
  expect(
    Table!.GlobalSecondaryIndexes!.map((index) => ({
      name: index.IndexName,
      keys: index.KeySchema!.map((key) => key.AttributeName),
      projection: index.Projection!.ProjectionType,
    })),
  ).toEqual(
    expect.arrayContaining([
      { name: 'gsi1', keys: ['gsi1pk', 'gsi1sk'], projection: 'ALL' },
      { name: 'gsi2', keys: ['gsi2pk', 'gsi2sk'], projection: 'ALL' },
    ]),
  );
});

it('has TTL enabled on expiresAt', async () => {
  const { TimeToLiveDescription } = await table.client.send(
    new DescribeTimeToLiveCommand({ TableName: table.tableName }),
  );

  expect(TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
});

it('is left as it is when created again', async () => {
  expect(await createTableIfAbsent(table.client, table.tableName)).toBe(false);
});

it('points the platform modules at itself through TABLE_NAME', () => {
  expect(process.env.TABLE_NAME).toBe(table.tableName);
});
