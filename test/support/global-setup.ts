/**
 * Once per test run: one DynamoDB Local in memory (integration tests create their own tables in
 * it), and the whole local runtime as a child process (`infra/local/start.ts`, exactly what
 * `npm start` runs) for the end-to-end tests. The two start in parallel: the runtime waits for
 * DynamoDB to answer. Workers find them through DYNAMODB_ENDPOINT and E2E_BASE_URL.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopChild } from '../../infra/local/child-process';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { freePort } from '../../infra/local/free-port';
import { projectRoot } from '../../infra/project-root';
import { createTableIfAbsent, localDynamoDbClient } from '../../infra/local/table';
import { rememberTestRun } from './local-test-run';

const REGION = 'eu-west-3';
/** The table integration tests get by default (TABLE_NAME must be set before shared/runtime/config.ts is imported). */
const INTEGRATION_TABLE = 'ville-ouverte-integration';
const E2E_TABLE = 'ville-ouverte-e2e';
export const ANSWER_VIOLATIONS = 'answer-violations.jsonl';

/**
 * Waits for GET /health to answer 200, then for the demo data the runtime writes in the background
 * (GET /_local/demo; the end-to-end tests check it too), then for its queues' backlog to be taken.
 */
const waitForHealth = async (
  baseUrl: string,
  runtime: ReturnType<typeof spawn>,
  logFile: string,
  timeoutMs = 180_000,
) => {
  const deadline = Date.now() + timeoutMs;
  const answers = async (path: string, ready: (response: Response) => Promise<boolean>, until = deadline) => {
    while (Date.now() < until && runtime.exitCode === null) {
      if (await fetch(`${baseUrl}${path}`).then(ready, () => false)) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return false;
  };
  const healthy = await answers('/health', (r) => Promise.resolve(r.status === 200));
  const written =
    healthy &&
    (await answers('/_local/demo', async (r) => {
      const { state } = (await r.json()) as { state: string };
      if (state === 'failed') throw new Error(`The local runtime could not write the demo data (log ${logFile})`);
      return state === 'written';
    }));
  if (written) {
    // The demo's events are still being consumed (its audit entries, ~300, trail `written` by a few
    // seconds): a test's own entries would queue behind them. No backlog first (at most 60 s;
    // delayed messages, such as the rollups', are not visible and do not count).
    await answers(
      '/_local/queues',
      async (r) => Object.values((await r.json()) as Record<string, { visible: number }>).every((d) => d.visible === 0),
      Math.min(deadline, Date.now() + 60_000),
    );
    return;
  }
  const log = (await readFile(logFile, 'utf8').catch(() => '')).split('\n').slice(-40).join('\n');
  const waited = healthy ? 'GET /_local/demo to say the demo data is written' : 'GET /health with 200';
  throw new Error(`The local runtime did not answer ${waited} (log ${logFile}):\n${log}`);
};

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const [dynamoDbPort, runtimePort] = [await freePort(), await freePort()];
  const dynamodbEndpoint = `http://127.0.0.1:${dynamoDbPort}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'ville-ouverte-test-'));
  // Kept after the run (unlike the data), so a failed end-to-end test can be read against it.
  await mkdir(join(projectRoot, '.local'), { recursive: true });
  const logFile = join(projectRoot, '.local/e2e-runtime.log');
  const log = openSync(logFile, 'w');

  const dynamoDbStarting = startDynamoDbLocal({ storage: { inMemory: true }, port: dynamoDbPort });
  // `node --import tsx` rather than the tsx CLI: one process, so signals and the IPC channel
  // (the runtime leaves when this process does) reach the runtime itself.
  const runtime = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
    cwd: projectRoot,
    stdio: ['ignore', log, log, 'ipc'],
    env: {
      ...process.env,
      PORT: String(runtimePort),
      DATA_DIR: dataDir,
      DYNAMODB_ENDPOINT: dynamodbEndpoint,
      TABLE_NAME: E2E_TABLE,
      AWS_REGION: REGION,
      LOCAL_POLL_INTERVAL_MS: '50',
      LOCAL_VISIBILITY_TIMEOUT_SECONDS: '1',
      // The demo data, as a newcomer's first start makes it: end-to-end tests check it too.
      LOCAL_SEED: 'true',
      // Every answer is checked against its route's declaration; the teardown fails the run on any violation.
      LOCAL_CHECK_ANSWERS: join(dataDir, ANSWER_VIOLATIONS),
      // The suite calls from 127.0.0.1, faster than any one client should: no throttling for it.
      // test/e2e/throttling.test.ts calls from another loopback address (127.0.0.2), throttled.
      LOCAL_THROTTLE_EXEMPT: '127.0.0.1,::1',
    },
  });
  closeSync(log); // the child holds its own copy
  const baseUrl = `http://localhost:${runtimePort}`;
  try {
    const dynamoDb = await dynamoDbStarting;
    if (process.env.LOCAL_TIMINGS) console.log(`\nDynamoDB Local ready: ${Date.now() - started} ms`);
    rememberTestRun({ dynamoDb, runtime, dataDir });
    const client = localDynamoDbClient(dynamodbEndpoint, REGION);
    await Promise.all([createTableIfAbsent(client, INTEGRATION_TABLE), waitForHealth(baseUrl, runtime, logFile)]);
    client.destroy();
  } catch (error) {
    await stopChild(runtime);
    await (await dynamoDbStarting.catch(() => undefined))?.stop();
    throw error;
  }

  Object.assign(process.env, {
    DYNAMODB_ENDPOINT: dynamodbEndpoint,
    AWS_REGION: REGION,
    TABLE_NAME: INTEGRATION_TABLE,
    E2E_BASE_URL: baseUrl,
    E2E_RUNTIME_LOG: logFile,
  });
  // `LOCAL_TIMINGS=1 npm test` shows where the setup time goes.
  if (process.env.LOCAL_TIMINGS) console.log(`\nglobal setup: ${Date.now() - started} ms`);
}
