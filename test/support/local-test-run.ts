/**
 * What global-setup starts and global-teardown stops. Both run in jest's parent process, so the
 * handles pass through a global; workers only see the environment variables global-setup exports.
 */
import type { ChildProcess } from 'node:child_process';
import type { DynamoDbLocal } from '../../infra/local/dynamodb-local';

export interface LocalTestRun {
  readonly dynamoDb: DynamoDbLocal;
  readonly runtime: ChildProcess;
  readonly dataDir: string;
}

const KEY = Symbol.for('ville-ouverte.local-test-run');

export const rememberTestRun = (run: LocalTestRun): void => {
  (globalThis as Record<symbol, unknown>)[KEY] = run;
};

export const recallTestRun = (): LocalTestRun | undefined =>
  (globalThis as Record<symbol, unknown>)[KEY] as LocalTestRun | undefined;
