/** The table the local runtime and the tests create: the production design, in DynamoDB Local. */
import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { createTableIfAbsent, localDynamoDbClient } from '../../infra/local/table';
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

it('an existing table made before an index was designed gains it, its items kept', async () => {
  const { CreateTableCommand, PutItemCommand, GetItemCommand } = await import('@aws-sdk/client-dynamodb');
  const { tableDesign } = await import('../../shared/runtime/table-design');
  // A DynamoDB Local of its own: in the run's shared one, holding every suite's data, an index
  // takes a minute to build; in an empty one, under a second.
  const dynamoDb = await startDynamoDbLocal({ storage: { inMemory: true } });
  const client = localDynamoDbClient(dynamoDb.endpoint);
  try {
    // The design less its last index: one UpdateTable to go.
    const earlier = tableDesign.globalSecondaryIndexes.slice(0, -1);
    const older = 'made-before-an-index';
    await client.send(
      new CreateTableCommand({
        TableName: older,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: ['pk', 'sk', ...earlier.flatMap((i) => [i.partitionKey, i.sortKey])].map((name) => ({
          AttributeName: name,
          AttributeType: 'S',
        })),
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: earlier.map((index) => ({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      }),
    );
    const key = { pk: { S: 'a' }, sk: { S: 'b' } };
    await client.send(new PutItemCommand({ TableName: older, Item: key }));

    expect(await createTableIfAbsent(client, older)).toBe(false);

    const { Table } = await client.send(new DescribeTableCommand({ TableName: older }));
    expect(Table!.GlobalSecondaryIndexes!.map((index) => index.IndexName).sort()).toEqual(
      tableDesign.globalSecondaryIndexes.map((index) => index.indexName).sort(),
    );
    expect((await client.send(new GetItemCommand({ TableName: older, Key: key }))).Item).toBeDefined();
  } finally {
    client.destroy();
    await dynamoDb.stop();
  }
}, 120_000);

it('points the platform modules at itself through TABLE_NAME', () => {
  expect(process.env.TABLE_NAME).toBe(table.tableName);
});
