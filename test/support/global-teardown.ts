/** Stops what global-setup started: the runtime child first (it uses DynamoDB), then DynamoDB Local. */
import { rm } from 'node:fs/promises';
import { stopChild } from '../../infra/local/child-process';
import { recallTestRun } from './local-test-run';

export default async function globalTeardown(): Promise<void> {
  const run = recallTestRun();
  if (!run) return;
  await stopChild(run.runtime);
  await run.dynamoDb.stop();
  await rm(run.dataDir, { recursive: true, force: true });
}
