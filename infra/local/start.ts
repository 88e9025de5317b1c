/**
 * `npm start`: the whole platform on this machine. Settings come from the environment:
 * PORT (3000), HOST (127.0.0.1), DATA_DIR (.local), DYNAMODB_ENDPOINT (start DynamoDB Local when
 * unset), TABLE_NAME (ville-ouverte-local), AWS_REGION, LOCAL_SEED=false (no demo data),
 * LOCAL_POLL_INTERVAL_MS, LOCAL_VISIBILITY_TIMEOUT_SECONDS, LOCAL_THROTTLE_EXEMPT (client addresses, comma
 * separated, that route throttling leaves alone).
 */
import { JAVA_MISSING } from './dynamodb-local';
import { startLocalPlatform, type LocalPlatform } from './platform';

const numberFrom = (name: string): number | undefined => {
  const value = process.env[name];
  if (value === undefined || value === '') return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) throw new Error(`${name} must be a non-negative number, not "${value}"`);
  return number;
};

const started = Date.now();
let platform: LocalPlatform | undefined;
let stopping = false;

const shutdown = async (signal: string) => {
  if (stopping) process.exit(1); // a second Ctrl-C: do not wait
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  await platform?.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
// Started by a test run with an IPC channel: go when the parent goes, even if it could not say so.
if (process.send) process.on('disconnect', () => void shutdown('parent gone'));

try {
  platform = await startLocalPlatform({
    port: numberFrom('PORT'),
    host: process.env.HOST || undefined,
    dataDir: process.env.DATA_DIR || undefined,
    dynamodbEndpoint: process.env.DYNAMODB_ENDPOINT || undefined,
    tableName: process.env.TABLE_NAME || undefined,
    region: process.env.AWS_REGION || undefined,
    seed: process.env.LOCAL_SEED !== 'false',
    answerViolationsFile: process.env.LOCAL_CHECK_ANSWERS || undefined,
    throttleExempt: (process.env.LOCAL_THROTTLE_EXEMPT ?? '').split(',').filter(Boolean),
    pollIntervalMs: numberFrom('LOCAL_POLL_INTERVAL_MS'),
    visibilityTimeoutSeconds: numberFrom('LOCAL_VISIBILITY_TIMEOUT_SECONDS'),
    log: (line) => console.log(line),
  });
} catch (error) {
  // Errors a developer fixes by themselves get one line; anything else its stack.
  const message = error instanceof Error ? error.message : String(error);
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`Port ${process.env.PORT || 3000} is already in use: stop what listens there, or set PORT`);
  } else {
    console.error(message === JAVA_MISSING || !(error instanceof Error) ? message : error.stack);
  }
  process.exit(1);
}

const { url, dynamodbEndpoint, tableName } = platform;
console.log(`
Ville Ouverte is running at ${url}   (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)
  Portal         ${url}/
  API reference  ${url}/api   (OpenAPI: ${url}/openapi.json)
  Queues         ${url}/_local/queues
  Demo data      ${url}/_local/demo   (a first start writes it for a few seconds more; a line says when)
  DynamoDB       ${dynamodbEndpoint} (table ${tableName})
Get a token (role citizen, agent or admin; territory a SIREN; commune an INSEE code):
  curl -s -X POST ${url}/_local/token -H 'content-type: application/json' \\
    -d '{"role":"agent","territory":"243100518","commune":"31555"}'
  then send it as: Authorization: Bearer <access_token>
Ctrl-C stops everything.`);
