/**
 * The stored side of API keys (sensor partners' keys, Open311 client applications): revoking one is
 * a conditional update, so revoking twice or a key already revoked changes nothing and says so.
 */
import { TABLE_NAME, type TransactItem } from './dynamo';

export const revokeKeyUpdate = (
  key: Readonly<Record<string, string>>,
  revoked: { readonly revokedAt?: string; readonly revokedBy?: string },
): TransactItem => ({
  Update: {
    TableName: TABLE_NAME,
    Key: key,
    UpdateExpression: 'SET #status = :revoked, revokedAt = :at, revokedBy = :by',
    ConditionExpression: '#status = :active',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':revoked': 'revoked',
      ':active': 'active',
      ':at': revoked.revokedAt,
      ':by': revoked.revokedBy,
    },
  },
});
