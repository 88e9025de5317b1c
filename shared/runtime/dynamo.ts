/**
 * The single-table DynamoDB client. Keys are generic (pk/sk, gsi1pk/gsi1sk, gsi2pk/gsi2sk) and
 * always start with the tenant, so isolation is a property of the key, not of a filter.
 * Each repository lists the access patterns it serves at the top of its file.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
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

export { decodeCursor, encodeCursor } from './dynamo-cursor';
