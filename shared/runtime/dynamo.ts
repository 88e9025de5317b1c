/**
 * The single-table DynamoDB client. Keys are generic (pk/sk, gsi1pk/gsi1sk, gsi2pk/gsi2sk) and
 * always start with the tenant, so isolation is a property of the key, not of a filter.
 * Each repository lists the access patterns it serves at the top of its file.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { config } from './config';
import { tableDesign } from './table-design';

export const TABLE_NAME = config.tableName;

/** Attribute DynamoDB's TTL deletes items by (epoch seconds). */
export const TTL_ATTRIBUTE = tableDesign.timeToLiveAttribute;

export const INDEXES = {
  gsi1: 'gsi1',
  gsi2: 'gsi2',
  gsi3: 'gsi3',
  gsi4: 'gsi4',
  gsi5: 'gsi5',
  gsi6: 'gsi6',
  gsi7: 'gsi7',
} as const;

export const dynamo = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    region: config.region,
    endpoint: config.dynamodbEndpoint,
    // DynamoDB Local accepts any credentials; real AWS uses the function's role.
    ...(config.dynamodbEndpoint ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  }),
  { marshallOptions: { removeUndefinedValues: true } },
);

/** Every item a Query matches, page after page (up to `max`): for partitions known to stay small. */
export const queryAll = async (
  input: Omit<QueryCommandInput, 'TableName'>,
  max = Number.POSITIVE_INFINITY,
): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(new QueryCommand({ TableName: TABLE_NAME, ...input, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start && items.length < max);
  return items;
};

export { decodeCursor, encodeCursor } from './dynamo-cursor';
