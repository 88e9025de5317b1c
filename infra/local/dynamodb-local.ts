/**
 * DynamoDB Local, AWS's own engine, run as a Java child process. Its jar comes from the npm
 * registry: the `amplify-dynamodb-simulator` tarball ships it under `emulator/`; we fetch the
 * tarball alone (its dependencies are heavy and unneeded) and keep only that folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { stopChild } from './child-process';
import { freePort } from './free-port';
import { dynamoDbLocalDir } from './paths';

const SIMULATOR_PACKAGE = 'amplify-dynamodb-simulator@2.9.30';
export const JAVA_MISSING = 'Java 17 is required for DynamoDB Local: apt-get install -y openjdk-17-jre-headless';

export type Storage = { readonly inMemory: true } | { readonly dbPath: string };

export interface DynamoDbLocal {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** Throws the one line that says what to install when `java` is not on PATH. */
export const requireJava = (): void => {
  const onPath = (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, 'java'), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!onPath) throw new Error(JAVA_MISSING);
};

/** Fetches the jar on first use; later starts find it in `.local/dynamodb-local/`. */
export const ensureDynamoDbLocalJar = async (log: (line: string) => void = () => {}): Promise<string> => {
  const jar = join(dynamoDbLocalDir, 'DynamoDBLocal.jar');
  if (existsSync(jar)) return jar;
  log(`Fetching DynamoDB Local from the npm registry (${SIMULATOR_PACKAGE}, first start only)…`);
  await mkdir(dirname(dynamoDbLocalDir), { recursive: true });
  const download = await mkdtemp(join(tmpdir(), 'dynamodb-local-'));
  // Unpacked next to its final place, then renamed: a concurrent or interrupted fetch never leaves half a jar.
  const staging = await mkdtemp(join(dirname(dynamoDbLocalDir), '.dynamodb-local-'));
  await chmod(staging, 0o755);
  try {
    run('npm', ['pack', SIMULATOR_PACKAGE, '--pack-destination', download, '--silent']);
    const [tarball] = (await readdir(download)).filter((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack ${SIMULATOR_PACKAGE} produced no tarball`);
    run('tar', ['-xzf', join(download, tarball), '-C', staging, '--strip-components=2', 'package/emulator']);
    await rename(staging, dynamoDbLocalDir).catch(async (error: NodeJS.ErrnoException) => {
      if (!existsSync(jar)) throw error; // someone else finished first: keep theirs
    });
  } finally {
    await rm(download, { recursive: true, force: true });
    await rm(staging, { recursive: true, force: true });
  }
  return jar;
};

const run = (command: string, args: readonly string[]): void => {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr.trim()}`);
};

/** Resolves once the endpoint answers HTTP at all (any status): the engine is then ready. */
export const waitForDynamoDb = async (endpoint: string, timeoutMs = 30_000, exited?: () => string | undefined) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const exit = exited?.();
    if (exit) throw new Error(exit);
    try {
      await fetch(endpoint, { method: 'POST', signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`DynamoDB at ${endpoint} did not answer within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
};

/**
 * The JVM's quick-start mode: its first compiler only (C1). On these 2-core machines, measured with
 * bench/first-start.ts, a first `npm start` writes all its demo data in 15.5–19.3 s instead of
 * 20.9–23.6 s, healthy in 5.0–6.7 s instead of 7.0–9.4 s: the optimizing compiler's threads no
 * longer compete with the seeding for the cores. It costs peak throughput (raw BatchWriteItem
 * 1 400–1 800 items/s instead of 2 200–3 000 in bench/sensors-ingestion.ts), so the test run and the
 * benchmarks, which load it for minutes, keep the default.
 */
const QUICK_START_JVM = ['-XX:TieredStopAtLevel=1'];

/** Starts DynamoDB Local on `port` (a free one by default) and resolves when it answers. */
export const startDynamoDbLocal = async (options: {
  readonly storage: Storage;
  readonly port?: number;
  readonly log?: (line: string) => void;
  /** An interactive platform (`npm start`): started and seeded sooner, slower under sustained load. */
  readonly quickStart?: boolean;
}): Promise<DynamoDbLocal> => {
  requireJava();
  const jar = await ensureDynamoDbLocalJar(options.log);
  const port = options.port ?? (await freePort());
  const storageArgs = 'inMemory' in options.storage ? ['-inMemory'] : ['-dbPath', options.storage.dbPath];
  if ('dbPath' in options.storage) await mkdir(options.storage.dbPath, { recursive: true });

  const child = spawn(
    'java',
    [
      ...(options.quickStart ? QUICK_START_JVM : []),
      `-Djava.library.path=${join(dynamoDbLocalDir, 'DynamoDBLocal_lib')}`,
      '-jar',
      jar,
      '-port',
      String(port),
      // One database whatever the credentials and region; and no telemetry sent to AWS from a dev machine.
      '-sharedDb',
      '-disableTelemetry',
      ...storageArgs,
    ],
    { cwd: dynamoDbLocalDir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exitReason: string | undefined;
  child.on('error', (error) => (exitReason = `DynamoDB Local could not start: ${error.message}`));
  child.on('exit', (code, signal) => (exitReason ??= `DynamoDB Local exited (${signal ?? code}): ${output.trim()}`));
  // If this process dies without calling stop(), do not leave a JVM behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    await stopChild(child);
  };
  try {
    await waitForDynamoDb(endpoint, 30_000, () => exitReason);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, stop };
};
