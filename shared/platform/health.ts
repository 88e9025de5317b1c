/** Readiness: the table answers. A GetItem on a key that never exists costs half a read unit. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, TABLE_NAME } from '../runtime/dynamo';

export const checkTable = async (): Promise<void> => {
  await dynamo.send(new GetCommand({ TableName: TABLE_NAME, Key: { pk: 'HEALTH', sk: 'HEALTH' } }));
};
