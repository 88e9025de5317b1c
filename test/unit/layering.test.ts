/**
 * The layering rule of eslint.config.js, tried on code as a newcomer might write it: a use case
 * that reaches for the AWS SDK or an adapter is refused; the adapter files themselves may.
 */
import { ESLint } from 'eslint';
import { projectRoot } from '../../infra/project-root';

const eslint = new ESLint({ cwd: projectRoot });

const restrictedImports = async (filePath: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports');
};

describe('the layering lint rule', () => {
  it.each([
    ["import { DynamoDBClient } from '@aws-sdk/client-dynamodb';"],
    ["import middy from '@middy/core';"],
    ["import { dynamo } from '../runtime/dynamo';"],
    ["import { logger } from '../runtime/logger';"],
    ["import { reportStore } from './report-store';"],
    ["import { commitWithEvents } from '../events/outbox';"],
  ])('refuses in a use-case file: %s', async (line) => {
    const messages = await restrictedImports('shared/reports/example-use-cases.ts', `${line}\nexport const x = 1;\n`);
    expect(messages).toHaveLength(1);
  });

  it('lets a use case depend on the pure kernel and its own ports', async () => {
    const code = [
      "import { NotFoundError } from '../kernel/errors';",
      "import type { ObjectStore } from '../kernel/object-store';",
      "import type { ReportStore } from './report-ports';",
      'export const x = [NotFoundError] as unknown as [ObjectStore, ReportStore];',
    ].join('\n');
    expect(await restrictedImports('shared/reports/example-use-cases.ts', code)).toEqual([]);
  });

  it('lets a store (an adapter) use the AWS SDK and the DynamoDB kernel', async () => {
    const code = [
      "import { GetCommand } from '@aws-sdk/lib-dynamodb';",
      "import { dynamo } from '../runtime/dynamo';",
      'export const x = [GetCommand, dynamo];',
    ].join('\n');
    expect(await restrictedImports('shared/reports/example-store.ts', code)).toEqual([]);
  });
});
