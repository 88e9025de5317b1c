/**
 * IAM for the single table, from a declaration's `table: 'none' | 'read' | 'write'`.
 *
 * Narrower than TableV2.grantReadData / grantReadWriteData on purpose:
 * - no dynamodb:Scan, so the architecture's "no Scan on a request path" is enforced by IAM too
 *   (and no stream actions: the table has no stream);
 * - each index ARN named, where the grant methods use `index/*` (a wildcard cdk-nag flags).
 * Transactions need no action of their own: DynamoDB checks each item's Put/Update/Delete/
 * ConditionCheck permission.
 */
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { tableDesign } from '../shared/runtime/table-design';
import type { TableAccess } from '../shared/wiring/types';

export const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
] as const;

export const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
] as const;

export const grantTableAccess = (grantee: IGrantable, table: ITableV2, access: TableAccess): void => {
  if (access === 'none') return;
  const actions = access === 'write' ? [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS] : [...TABLE_READ_ACTIONS];
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions,
      resources: [
        table.tableArn,
        ...tableDesign.globalSecondaryIndexes.map((index) => `${table.tableArn}/index/${index.indexName}`),
      ],
    }),
  );
};
