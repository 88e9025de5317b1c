/**
 * Stops what global-setup started: the runtime child first (it uses DynamoDB), then DynamoDB Local.
 * Fails the run when an end-to-end answer broke its route's declaration (the tests that got those
 * answers saw a 500 naming the route and the issue).
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { stopChild } from '../../infra/local/child-process';
import { ANSWER_VIOLATIONS } from './global-setup';
import { recallTestRun } from './local-test-run';

export default async function globalTeardown(): Promise<void> {
  const run = recallTestRun();
  if (!run) return;
  await stopChild(run.runtime);
  await run.dynamoDb.stop();
  const violations = await readFile(join(run.dataDir, ANSWER_VIOLATIONS), 'utf8').catch(() => '');
  await rm(run.dataDir, { recursive: true, force: true });
  if (violations.trim() !== '') {
    throw new Error(`Answers that break their route's declaration (shared/wiring/contract.ts):\n${violations}`);
  }
}
