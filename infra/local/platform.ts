/**
 * The whole platform on one machine, wired from the same declaration as the CDK app: DynamoDB
 * Local (starting while the OIDC issuer, the queues and the gateway are set up) and the table,
 * then the environment the handlers read at import, then the pollers, the scheduler and the demo
 * data. Declared routes (including /health) answer only once all of it is up.
 */
import { join } from 'node:path';
import { consumers, routes, schedules } from '../../shared/wiring/index';
import { requireJava, startDynamoDbLocal, waitForDynamoDb } from './dynamodb-local';
import { freePort } from './free-port';
import { answerChecker } from './answer-checker';
import { createGateway } from './gateway';
import { createThrottle } from './throttle';
import { createHandlerLoader } from './handler-loader';
import { openOidcIssuer } from './oidc-issuer';
import { resolveDataDir } from './paths';
import { openLocalQueues } from './queues/local-queues';
import { openLocalMailbox } from './mailbox/local-mailbox';
import { createLocalObjectStore } from './object-store/s3-endpoint';
import { createScheduler } from './scheduler';
import { createTableIfAbsent, localDynamoDbClient } from './table';
import { openLocalAssets } from './static-assets';
import { loadOrCreateLocalSecret } from './local-secret';
import { jsonResponse, type LocalRoute } from './local-http';

export interface LocalPlatformOptions {
  /** @default 3000; 0 picks a free port */
  readonly port?: number;
  /** Loopback by default: the token endpoint mints admin tokens for anyone who can reach it. @default 127.0.0.1 */
  readonly host?: string;
  /** @default .local (relative to the project root) */
  readonly dataDir?: string;
  /** Use this DynamoDB and start none. */
  readonly dynamodbEndpoint?: string;
  /** @default ville-ouverte-local */
  readonly tableName?: string;
  /** @default eu-west-3 */
  readonly region?: string;
  /** Load the demo data. @default true */
  readonly seed?: boolean;
  /** Pause between polls of an empty queue. @default 500 */
  readonly pollIntervalMs?: number;
  /** Overrides every consumer's declared visibility timeout. */
  readonly visibilityTimeoutSeconds?: number;
  /**
   * Check every answer of a declared route against its declaration (tests): a mismatch becomes a
   * 500 naming the route and the issue, and a line of this JSON Lines file.
   */
  readonly answerViolationsFile?: string;
  /** Client addresses the route throttling leaves alone (a test run's own). @default none */
  readonly throttleExempt?: readonly string[];
  readonly log?: (line: string) => void;
}

export interface LocalPlatform {
  readonly url: string;
  readonly dynamodbEndpoint: string;
  readonly tableName: string;
  /** Settles once the demo data is all written (at once when there was none to write). */
  readonly demoWritten: Promise<void>;
  stop(): Promise<void>;
}

/** Where the demo data stands, as GET /_local/demo says it. */
type DemoState = 'none' | 'writing' | 'written' | 'failed';

/** The local object store's bucket of open-data files (the data stack's OpenDataBucket in AWS). */
export const LOCAL_OPEN_DATA_BUCKET = 'open-data';

/** The sender of the local platform's e-mail (CDK context `mailFrom` in AWS). */
export const LOCAL_MAIL_FROM = 'ne-pas-repondre@ville-ouverte.localhost';

/** GET /_local/demo: whether the demo data is all written yet (the test run and the bench wait for it). */
const demoRoute = (demo: { readonly state: DemoState }): LocalRoute => ({
  method: 'GET',
  path: '/_local/demo',
  handle: () =>
    jsonResponse(200, { state: demo.state }, { 'content-type': 'application/json', 'cache-control': 'no-store' }),
});

/** How long stop() waits for a batch or a scheduled run in progress before it lets go. */
const STOP_GRACE_MS = 5000;
const atMost = (work: Promise<unknown>, ms: number) =>
  Promise.race([work, new Promise((resolve) => setTimeout(resolve, ms).unref())]);

/**
 * Starts everything and resolves when the declared routes answer. It sets process.env (TABLE_NAME,
 * QUEUE_URLS, …): the handlers read their configuration from there when first imported.
 */
export const startLocalPlatform = async (options: LocalPlatformOptions = {}): Promise<LocalPlatform> => {
  const log = options.log ?? (() => {});
  const dataDir = resolveDataDir(options.dataDir);
  const port = options.port === 0 ? await freePort() : (options.port ?? 3000);
  const tableName = options.tableName ?? 'ville-ouverte-local';
  const region = options.region ?? 'eu-west-3';
  const stops: (() => Promise<unknown>)[] = [];
  /** Stops what started, last first; calling it again does nothing. */
  const stop = async () => {
    while (stops.length > 0) await stops.pop()!();
  };

  try {
    if (!options.dynamodbEndpoint) requireJava(); // before anything is created on disk
    // The JVM takes seconds to start: it starts first, and the rest is set up meanwhile.
    const dynamoDbStarting = options.dynamodbEndpoint
      ? undefined
      : startDynamoDbLocal({ storage: { dbPath: join(dataDir, 'dynamodb-data') }, log, quickStart: true });
    dynamoDbStarting?.catch(() => {}); // awaited below; a failure must not go unhandled meanwhile
    stops.push(async () => (await dynamoDbStarting?.catch(() => undefined))?.stop());

    const issuer = await openOidcIssuer({ dataDir, baseUrl: `http://localhost:${port}` });
    const queues = await openLocalQueues({ consumers, dataDir, baseUrl: `http://127.0.0.1:${port}` });
    const mailbox = await openLocalMailbox({ dataDir, baseUrl: `http://127.0.0.1:${port}` });
    // On the portal's origin (localhost): a page's script uploads photos to its presigned URLs, and its
    // pages show them, under a CSP allowing this origin only.
    const objectStore = createLocalObjectStore({ dataDir, baseUrl: `http://localhost:${port}` });
    // The portal's stylesheet and scripts, content-hashed, served under /assets/ (S3 + CloudFront in AWS).
    const assets = await openLocalAssets();
    const loadHandler = createHandlerLoader();
    const demo: { state: DemoState } = { state: 'none' };
    const scheduler = createScheduler({ schedules, loadHandler, log });
    const gateway = createGateway({
      routes,
      loadHandler,
      localRoutes: [
        ...issuer.routes,
        ...queues.routes,
        scheduler.route,
        demoRoute(demo),
        ...mailbox.routes,
        ...objectStore.routes,
        // The open-data files at the paths CloudFront serves them in AWS (/open-data/{siren}/…).
        ...objectStore.publicRoutes(LOCAL_OPEN_DATA_BUCKET, 'open-data'),
        assets.route,
      ],
      ...(options.answerViolationsFile ? { checkAnswer: answerChecker(options.answerViolationsFile) } : {}),
      // Each route's throttle class, per client address, as API Gateway's route settings in AWS.
      throttle: createThrottle({ exempt: options.throttleExempt ?? [] }),
      log,
    });
    // Listening early: a port in use fails now, not after DynamoDB; declared routes answer 503 until open().
    await gateway.listen(port, options.host);
    stops.push(gateway.close);

    const dynamodbEndpoint = options.dynamodbEndpoint ?? (await dynamoDbStarting!).endpoint;
    if (options.dynamodbEndpoint) await waitForDynamoDb(dynamodbEndpoint);
    const client = localDynamoDbClient(dynamodbEndpoint, region);
    await createTableIfAbsent(client, tableName);
    client.destroy();

    // Handlers read these when first imported, which happens only after this point.
    Object.assign(process.env, {
      TABLE_NAME: tableName,
      AWS_REGION: region,
      DYNAMODB_ENDPOINT: dynamodbEndpoint,
      QUEUE_URLS: JSON.stringify(queues.queueUrls),
      // Without an endpoint the SDK would post to the QueueUrl's origin but ask for AWS credentials.
      SQS_ENDPOINT: queues.sqsEndpoint,
      OIDC_ISSUERS: JSON.stringify([issuer.config]),
      // The production S3 adapter, path-style against the local object store (a folder).
      S3_ENDPOINT: objectStore.endpoint,
      UPLOADS_BUCKET: 'uploads',
      // The open-data exporter writes here; the gateway serves the files, as CloudFront does in AWS.
      OPEN_DATA_BUCKET: LOCAL_OPEN_DATA_BUCKET,
      OPEN_DATA_BASE_URL: `http://localhost:${port}`,
      // The production mailer, pointed at the local mailbox (GET /_local/mailbox).
      SES_ENDPOINT: mailbox.sesEndpoint,
      MAIL_FROM: LOCAL_MAIL_FROM,
      // The portal: its session key (generated at first start, kept in the data dir), its assets.
      PORTAL_SESSION_KEY: await loadOrCreateLocalSecret(dataDir, 'portal/session-key'),
      // The pagination cursors' key, derived from its own random secret kept in the data dir.
      CURSOR_KEY: await loadOrCreateLocalSecret(dataDir, 'secrets/cursor-key'),
      PORTAL_ASSETS_BASE_URL: '/assets/',
      PORTAL_ASSETS_MANIFEST: JSON.stringify(assets.manifest),
      // NGSI-LD requests without NGSILD-Tenant are about the demo territory (demo/seed.ts DEMO_SIREN).
      ...((options.seed ?? true) && !process.env.NGSI_LD_DEFAULT_TENANT ? { NGSI_LD_DEFAULT_TENANT: '243100518' } : {}),
    });

    queues.startPollers({
      loadHandler,
      pollIntervalMs: options.pollIntervalMs ?? 500,
      visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
      log,
    });
    stops.push(() => atMost(queues.stopPollers(), STOP_GRACE_MS));
    scheduler.start();
    stops.push(() => atMost(scheduler.stop(), STOP_GRACE_MS));

    // The demo territory before the routes open (every page stands on it); the contexts' demo data
    // after, in the background: GET /_local/demo says when it is all written.
    let demoWritten: Promise<void> = Promise.resolve();
    if (options.seed ?? true) {
      // Seeding may use the local endpoints above (tokens, queues): the gateway already serves /_local.
      const { seedDemoData } = await import('./demo/seed');
      const seeding = await seedDemoData(log);
      if (seeding) {
        demo.state = 'writing';
        demoWritten = seeding.written.then(
          () => void (demo.state = 'written'),
          (error: unknown) => {
            demo.state = 'failed';
            log(`demo data not written: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
          },
        );
        stops.push(() => atMost(demoWritten, STOP_GRACE_MS));
      } else demo.state = 'written';
    }
    gateway.open();
    return { url: `http://localhost:${port}`, dynamodbEndpoint, tableName, demoWritten, stop };
  } catch (error) {
    await stop();
    throw error;
  }
};
