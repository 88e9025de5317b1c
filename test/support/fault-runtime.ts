/**
 * A second local runtime for the fault tests (test/faults/), beside the test run's own: started as
 * `npm start` starts it (infra/local/start.ts), on its own data dir and table, without demo data,
 * so a test may kill it (SIGKILL) or take its DynamoDB away without touching the other suites.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stopChild } from '../../infra/local/child-process';
import { freePort } from '../../infra/local/free-port';
import { projectRoot } from '../../infra/project-root';

export interface FaultRuntime {
  readonly baseUrl: string;
  readonly child: ChildProcess;
  /** Answer-contract violations this runtime wrote (one JSON line each). */
  violations(): Promise<string>;
  stop(): Promise<void>;
}

export const startFaultRuntime = async (options: {
  readonly dataDir: string;
  readonly dynamodbEndpoint: string;
  readonly tableName: string;
  /** Reuse a port (a restart after a crash keeps the URLs the client holds). */
  readonly port?: number;
  readonly logName: string;
}): Promise<FaultRuntime> => {
  const port = options.port ?? (await freePort());
  const logFile = join(projectRoot, '.local', `${options.logName}.log`);
  const log = openSync(logFile, 'w');
  const violationsFile = join(options.dataDir, 'answer-violations.jsonl');
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
    cwd: projectRoot,
    stdio: ['ignore', log, log, 'ipc'],
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: options.dataDir,
      DYNAMODB_ENDPOINT: options.dynamodbEndpoint,
      TABLE_NAME: options.tableName,
      LOCAL_SEED: 'false',
      LOCAL_POLL_INTERVAL_MS: '50',
      LOCAL_VISIBILITY_TIMEOUT_SECONDS: '1',
      LOCAL_CHECK_ANSWERS: violationsFile,
      LOCAL_THROTTLE_EXEMPT: '127.0.0.1,::1',
      // A killed request's claim on its Idempotency-Key lapses sooner, so retries are not kept waiting 30 s.
      IDEMPOTENCY_LOCK_SECONDS: '8',
    },
  });
  closeSync(log);
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || Date.now() > deadline) {
      const tail = (await readFile(logFile, 'utf8').catch(() => '')).split('\n').slice(-30).join('\n');
      await stopChild(child);
      throw new Error(`The fault-test runtime did not start (log ${logFile}):\n${tail}`);
    }
    const status = await fetch(`${baseUrl}/health`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    baseUrl,
    child,
    violations: () => readFile(violationsFile, 'utf8').catch(() => ''),
    stop: () => stopChild(child),
  };
};

/** A token from that runtime's development issuer. */
export const faultToken = async (baseUrl: string, claims: Record<string, string>): Promise<string> => {
  const response = await fetch(`${baseUrl}/_local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(claims),
  });
  if (response.status !== 200) throw new Error(`POST /_local/token answered ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
};
