/**
 * A newcomer's first `npm start`: the platform started as `npm start` starts it (its own DynamoDB
 * Local on disk, a fresh data directory, the demo data), timed from the command to GET /health
 * answering 200, and to the last demo data written (the sensors' history, loaded in the background).
 * The baseline, in the same run: DynamoDB Local alone, started the same way, to its first answer.
 * Ports are taken free; nothing is left behind.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { freePort } from '../infra/local/free-port';
import { projectRoot } from '../infra/project-root';

export interface FirstStartFigures {
  readonly dynamoDbMs: number;
  readonly healthyMs: number;
  readonly allDataMs: number;
  /** The platform's own line saying where the demo data's time went. */
  readonly demoDataLine: string;
}

const GIVE_UP_MS = 180_000;

const dynamoDbAlone = async (): Promise<number> => {
  const dbPath = await mkdtemp(join(tmpdir(), 'bench-first-start-db-'));
  const started = performance.now();
  const dynamoDb = await startDynamoDbLocal({ storage: { dbPath }, quickStart: true });
  const ms = performance.now() - started;
  await dynamoDb.stop();
  await rm(dbPath, { recursive: true, force: true });
  return ms;
};

const firstStart = async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-first-start-'));
  const port = await freePort();
  const started = performance.now();
  // What `npm start` runs (package.json), without npm's own start-up.
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      // Its own DynamoDB Local and table, as on a newcomer's machine; INFO: the history's line is one.
      DYNAMODB_ENDPOINT: '',
      TABLE_NAME: '',
      LOG_LEVEL: 'INFO',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const base = `http://127.0.0.1:${port}`;
  /** Polls until `ready` answers true; the time it did. */
  const when = async (ready: () => Promise<boolean>): Promise<number> => {
    for (;;) {
      if (performance.now() - started > GIVE_UP_MS || child.exitCode !== null) {
        throw new Error(`npm start not ready after ${GIVE_UP_MS / 1000} s (exit ${child.exitCode}):\n${output}`);
      }
      if (await ready().catch(() => false)) return performance.now();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  try {
    const healthyAt = await when(async () => (await fetch(`${base}/health`)).status === 200);
    let state = '';
    const writtenAt = await when(async () => {
      ({ state } = (await (await fetch(`${base}/_local/demo`)).json()) as { state: string });
      return state === 'written' || state === 'failed';
    });
    if (state === 'failed') throw new Error(`the demo data was not written:\n${output}`);
    return {
      healthyMs: healthyAt - started,
      allDataMs: writtenAt - started,
      demoDataLine: output.split('\n').find((line) => line.startsWith('demo data written')) ?? '',
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('close', resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
};

export const firstStartFigures = async (): Promise<FirstStartFigures> => {
  const dynamoDbMs = await dynamoDbAlone();
  return { dynamoDbMs, ...(await firstStart()) };
};

export const firstStartLines = (f: FirstStartFigures): string[] => [
  'first `npm start` on a fresh data directory (DynamoDB Local on disk, demo data written)',
  '',
  `${'baseline: DynamoDB Local alone, to its first answer'.padEnd(52)} ${(f.dynamoDbMs / 1000).toFixed(1).padStart(5)} s`,
  `${'npm start → GET /health 200'.padEnd(52)} ${(f.healthyMs / 1000).toFixed(1).padStart(5)} s   (goal ≤ 10 s)`,
  `${'npm start → all demo data written (history included)'.padEnd(52)} ${(f.allDataMs / 1000).toFixed(1).padStart(5)} s   (goal ≤ 20 s)`,
  `  ${f.demoDataLine}`,
  '',
  `healthy / DynamoDB Local alone: ${(f.healthyMs / f.dynamoDbMs).toFixed(2)}× the time`,
  `all demo data / DynamoDB Local alone: ${(f.allDataMs / f.dynamoDbMs).toFixed(2)}× the time`,
];

// Alone: `node --import tsx bench/first-start.ts`.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(firstStartLines(await firstStartFigures()).join('\n'));
}
