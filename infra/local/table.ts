/**
 * Creates the platform's single table from the same design the CDK stack reads
 * (shared/runtime/table-design.ts), so the local table has the production keys, indexes and TTL.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type AttributeDefinition,
} from '@aws-sdk/client-dynamodb';
import { tableDesign } from '../../shared/runtime/table-design';

/** A client for DynamoDB Local (or another endpoint): it accepts any credentials. */
export const localDynamoDbClient = (endpoint: string, region = 'eu-west-3'): DynamoDBClient =>
  new DynamoDBClient({ endpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

const keyAttributes = (): AttributeDefinition[] => {
  const names = [
    tableDesign.partitionKey,
    tableDesign.sortKey,
    ...tableDesign.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
  return [...new Set(names)].map((name) => ({ AttributeName: name, AttributeType: 'S' }));
};

const tableExists = async (client: DynamoDBClient, tableName: string): Promise<boolean> => {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
};

type IndexDesign = (typeof tableDesign.globalSecondaryIndexes)[number];

const indexSpec = (index: IndexDesign) => ({
  IndexName: index.indexName,
  KeySchema: [
    { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
    { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
  ],
  Projection: { ProjectionType: 'ALL' as const },
});

/**
 * A table made by an earlier version (an existing .local database) gets the indexes the design
 * added since: one UpdateTable per index, as DynamoDB allows, each waited for until ACTIVE.
 */
export const addMissingIndexes = async (client: DynamoDBClient, tableName: string): Promise<string[]> => {
  const describe = async () => (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  const existing = new Set(((await describe())?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  const added: string[] = [];
  for (const index of tableDesign.globalSecondaryIndexes.filter((i) => !existing.has(i.indexName))) {
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: keyAttributes(),
        GlobalSecondaryIndexUpdates: [{ Create: indexSpec(index) }],
      }),
    );
    for (let i = 0; i < 600; i++) {
      const status = (await describe())?.GlobalSecondaryIndexes?.find((g) => g.IndexName === index.indexName);
      if (status?.IndexStatus === 'ACTIVE') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    added.push(index.indexName);
  }
  return added;
};

/**
 * Creates the table (on demand, with its GSIs and TTL) unless it exists, in which case it adds the
 * indexes it lacks. Returns whether it created it.
 */
export const createTableIfAbsent = async (client: DynamoDBClient, tableName: string): Promise<boolean> => {
  if (await tableExists(client, tableName)) {
    await addMissingIndexes(client, tableName);
    return false;
  }
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: keyAttributes(),
        KeySchema: [
          { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' },
          { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: tableDesign.globalSecondaryIndexes.map(indexSpec),
      }),
    );
  } catch (error) {
    // Another process created it between our check and our create: same outcome.
    if (error instanceof ResourceInUseException) return false;
    throw error;
  }
  await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1 }, { TableName: tableName });
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: tableDesign.timeToLiveAttribute, Enabled: true },
    }),
  );
  return true;
};
