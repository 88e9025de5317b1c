/**
 * What goes into the Lambda bundles, built by esbuild with PlatformFunction's own options (as a
 * synth builds them): no reference data inlined, the ESM builds of dependencies that ship one, one
 * copy of each package, zod without its locales; and the import function's lists of EPCIs and
 * communes shipped beside its bundle, and read from there. Bundling all ~230 functions takes
 * minutes on a small machine: the functions that carried etalab's lists and a plain one are built
 * here, and `npm run bench` (bench/bundles.ts) builds and measures them all.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import {
  FUNCTION_NODE_OPTIONS,
  PlatformBundling,
  platformEsbuildOptions,
} from '../../infra/constructs/platform-function';
import { outputsLoadedBy } from '../../infra/bundle-outputs';
import { buildApiGatewayEvent } from '../../infra/local/api-gateway-event';
import { planFunctions } from '../../infra/function-plan';
import { projectRoot } from '../../infra/project-root';
import { openApiDocument } from '../../shared/platform/openapi';
import { OPEN_API_FILE } from '../../shared/platform/openapi-app';
import { platformRoutes } from '../../shared/platform/platform-routes';
import { ETALAB_BUNDLED_FILES } from '../../shared/territory/etalab-catalogue';
import { territoryRoutes } from '../../shared/territory/territory-routes';
import { consumers, routes, schedules } from '../../shared/wiring';
import { createTestTable, type TestTable } from '../support/table';
import { synthesize } from './test-app';

const plans = planFunctions({ routes, consumers, schedules });
const SAMPLE = [
  territoryRoutes.importCommunes.handler,
  'functions/open311/open311-post-service-request.ts',
  'functions/open311/open311-get-service-request.ts',
  'functions/participation/create-consultation.ts',
  'functions/platform/get-health.ts',
];

/**
 * The sample's bundles at once (one esbuild run, each entry its own output, chunks shared): by handler,
 * the inputs of every file the function may load, at its cold start or on first use.
 */
const bundleInputs = async (): Promise<Map<string, string[]>> => {
  const dir = mkdtempSync(join(tmpdir(), 'vo-bundling-test-'));
  const { entryPoints: _entry, outdir: _outdir, ...options } = platformEsbuildOptions('', '');
  const { metafile } = await build({
    ...options,
    // What is bundled does not depend on the source map.
    sourcemap: false,
    entryPoints: Object.fromEntries(
      plans.filter((p) => SAMPLE.includes(p.handler)).map((p) => [p.constructId, p.handler]),
    ),
    outdir: dir,
    absWorkingDir: projectRoot,
    metafile: true,
    logLevel: 'error',
  });
  rmSync(dir, { recursive: true, force: true });
  const { outputs } = metafile as Metafile;
  const byHandler = new Map<string, string[]>();
  for (const [path, output] of Object.entries(outputs)) {
    // A chunk imported on first use names its module as entryPoint too.
    if (!output.entryPoint || !SAMPLE.includes(output.entryPoint)) continue;
    const loaded = outputsLoadedBy(metafile as Metafile, path, { onFirstUse: true });
    byHandler.set(output.entryPoint, [...new Set(loaded.flatMap((o) => Object.keys(outputs[o]!.inputs)))]);
  }
  return byHandler;
};

describe('every function bundle', () => {
  let inputs: Map<string, string[]>;
  beforeAll(async () => {
    inputs = await bundleInputs();
  }, 120_000);

  it('is built for each handler of the sample, all of the wiring', () => {
    expect([...inputs.keys()].sort()).toEqual([...SAMPLE].sort());
  });

  it("inlines none of etalab's reference lists (the import reads them beside its bundle)", () => {
    for (const [handler, files] of inputs) {
      expect([handler, files.filter((f) => f.includes('@etalab/decoupage-administratif'))]).toEqual([handler, []]);
    }
  });

  // Powertools' commons is not checked: its batch package (2.35.0, the latest) pins an older commons
  // than logger, metrics and tracer (2.36.0), so each keeps its own copy (a few KB) until they align.
  it('takes the ESM build of the AWS SDK, one copy of each of its packages and of zod', () => {
    for (const [handler, files] of inputs) {
      const packages = new Map<string, Set<string>>();
      for (const file of files) {
        const match = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(file);
        if (match && /^(@aws-sdk\/|@smithy\/|zod$)/.test(match[2]!)) {
          packages.set(match[2]!, (packages.get(match[2]!) ?? new Set()).add(match[1]!));
        }
      }
      const copies = [...packages].filter(([, roots]) => roots.size > 1).map(([name]) => name);
      const commonJs = files.filter((f) => /node_modules\/@(aws-sdk|smithy)\/.*\/dist-cjs\//.test(f));
      expect({ handler, copies, commonJs }).toEqual({ handler, copies: [], commonJs: [] });
    }
  });

  it("carries neither the SDK's whole credential chain nor the X-Ray SDK (the environment's credentials do)", () => {
    for (const [handler, files] of inputs) {
      const heavy = files.filter((f) =>
        /node_modules\/(@aws-sdk\/(credential-provider-(node|ini|sso|process|web-identity)|nested-clients)|aws-xray-sdk-core)\//.test(
          f,
        ),
      );
      expect({ handler, heavy }).toEqual({ handler, heavy: [] });
    }
  });

  it("keeps zod's locales out: zod is imported as a namespace, which esbuild tree-shakes", () => {
    for (const [handler, files] of inputs) {
      // index.js is the namespace's stub (a few bytes): a module imported on first use keeps `z` whole.
      const locales = files.filter((f) => /zod\/v4\/locales\/(?!en\.js|index\.js)/.test(f));
      expect({ handler, locales }).toEqual({ handler, locales: [] });
    }
  });
});

describe("the territory import's reference lists", () => {
  it('travel beside the import function only', () => {
    const { app } = synthesize();
    const shipping = [...app.service.functions].filter(
      ([, fn]) => fn.bundledFiles?.toDir === ETALAB_BUNDLED_FILES.toDir,
    );
    expect(shipping.map(([handler, fn]) => [handler, fn.bundledFiles])).toEqual([
      [territoryRoutes.importCommunes.handler, ETALAB_BUNDLED_FILES],
    ]);
  });

  it('are read from beside the bundle, where no node_modules is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vo-etalab-bundle-'));
    try {
      // The catalogue bundled as in the import's function, with its files, as a synth bundles them.
      new PlatformBundling('shared/territory/etalab-catalogue.ts', ETALAB_BUNDLED_FILES).tryBundle(dir);
      const script =
        `const { etalabCatalogue } = await import(${JSON.stringify(pathToFileURL(join(dir, 'index.mjs')).href)});` +
        "const epci = await etalabCatalogue.find('243100518');" +
        'console.log(JSON.stringify({ name: epci.name, members: epci.members.length, toulouse: epci.members.find((m) => m.insee === "31555").postalCodes }));';
      const found = JSON.parse(
        execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' }),
      ) as unknown;
      expect(found).toEqual({
        name: 'Toulouse Métropole',
        members: 37,
        toulouse: expect.arrayContaining(['31000', '31500']),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

/** `module` bundled into `dir` as a synth bundles a function: esbuild's metafile and its index.mjs's key there. */
const bundleWithMetafile = async (module: string, dir: string) => {
  const { metafile } = await build({
    ...platformEsbuildOptions(join(projectRoot, module), dir),
    absWorkingDir: projectRoot,
    metafile: true,
    logLevel: 'error',
  });
  return { metafile, entry: Object.keys(metafile.outputs).find((o) => o.endsWith('/index.mjs'))! };
};

describe('a module imported on first use', () => {
  it('is left out of what a cold start loads, and runs from its own chunk when first used', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vo-first-use-bundle-'));
    try {
      // The uploads port: its S3 adapter, with the S3 client, is imported on first use.
      const { metafile, entry } = await bundleWithMetafile('shared/runtime/lazy-object-stores.ts', dir);
      const carriesS3 = (outputs: string[]) =>
        outputs.some((o) => Object.keys(metafile.outputs[o]!.inputs).some((i) => i.includes('@aws-sdk/client-s3/')));
      expect({
        atColdStart: carriesS3(outputsLoadedBy(metafile, entry, { onFirstUse: false })),
        onFirstUse: carriesS3(outputsLoadedBy(metafile, entry, { onFirstUse: true })),
      }).toEqual({ atColdStart: false, onFirstUse: true });

      const script =
        `const { lazyUploadsStore } = await import(${JSON.stringify(pathToFileURL(join(dir, 'index.mjs')).href)});` +
        "process.stdout.write(await lazyUploadsStore.presignDownload('photos/a.jpg', 60));";
      const url = new URL(
        execFileSync(process.execPath, ['--input-type=module', '-e', script], {
          cwd: dir,
          encoding: 'utf8',
          env: {
            PATH: process.env.PATH,
            AWS_REGION: 'eu-west-3',
            AWS_ACCESS_KEY_ID: 'lambdarole',
            AWS_SECRET_ACCESS_KEY: 'lambdarole',
            UPLOADS_BUCKET: 'ville-uploads',
            TABLE_NAME: 'unused',
          },
        }),
      );
      expect([url.hostname, url.pathname, url.searchParams.get('X-Amz-Expires')]).toEqual([
        'ville-uploads.s3.eu-west-3.amazonaws.com',
        '/photos/a.jpg',
        '60',
      ]);
      expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("evaluates in a whole function's bundle, each chunk after the cold start, as first use does", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vo-first-use-function-'));
    try {
      // It sends events, stores photos and reads a secret: every kind of first-use module there is.
      const { metafile, entry } = await bundleWithMetafile('functions/open311/open311-post-service-request.ts', dir);
      const atColdStart = new Set(outputsLoadedBy(metafile, entry, { onFirstUse: false }));
      const onFirstUse = outputsLoadedBy(metafile, entry, { onFirstUse: true }).filter((o) => !atColdStart.has(o));
      const modules = onFirstUse.map((o) => metafile.outputs[o]!.entryPoint).filter((m) => m !== undefined);
      expect(modules).toEqual(
        expect.arrayContaining([
          'shared/runtime/object-store.ts',
          'shared/runtime/sqs-queue.ts',
          'shared/runtime/secrets.ts',
          'shared/wiring/consumers.ts',
        ]),
      );

      const urls = [entry, ...onFirstUse].map((o) => pathToFileURL(join(projectRoot, o)).href);
      const script = `for (const url of ${JSON.stringify(urls)}) await import(url); process.stdout.write('loaded');`;
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: dir,
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH,
          NODE_OPTIONS: FUNCTION_NODE_OPTIONS,
          AWS_REGION: 'eu-west-3',
          TABLE_NAME: 'unused',
          UPLOADS_BUCKET: 'ville-uploads',
          QUEUE_URLS: '{}',
          LOG_LEVEL: 'ERROR',
        },
      });
      expect({ out: run.stdout, err: run.stderr }).toEqual({ out: 'loaded', err: '' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

/**
 * The start of a script for a fresh node that calls the bundle in `dir` with GET `path`, as Lambda's
 * runtime would: it leaves the handler's answer in `result`.
 */
const callingBundle = (dir: string, path: string): string => {
  const event = buildApiGatewayEvent(
    {
      method: 'GET',
      rawPath: path,
      rawQueryString: '',
      rawHeaders: ['host', 'api.example.org'],
      body: Buffer.alloc(0),
      sourceIp: '192.0.2.1',
      protocol: 'HTTP/1.1',
    },
    { routeKey: `GET ${path}`, pathParameters: {} },
  );
  return (
    `const { handler } = await import(${JSON.stringify(pathToFileURL(join(dir, 'index.mjs')).href)});` +
    `const result = await handler(${JSON.stringify(event)}, { functionName: 'bundled', awsRequestId: 'bundled' });`
  );
};

describe('the OpenAPI document', () => {
  it('is written beside its function at synth, and served from there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vo-openapi-bundle-'));
    try {
      const handler = platformRoutes.getOpenApiDocument.handler;
      const fn = synthesize().app.service.functions.get(handler)!;
      new PlatformBundling(handler, fn.bundledFiles, fn.writtenFiles).tryBundle(dir);
      const written = JSON.parse(readFileSync(join(dir, OPEN_API_FILE), 'utf8')) as ReturnType<typeof openApiDocument>;
      expect(written).toEqual(openApiDocument());

      // Served from the file, not built again: a title changed in the file is the one served.
      writeFileSync(
        join(dir, OPEN_API_FILE),
        JSON.stringify({ ...written, info: { ...written.info, title: 'From the file' } }),
      );
      const script =
        callingBundle(dir, '/openapi.json') +
        'process.stdout.write(JSON.stringify({ status: result.statusCode, body: JSON.parse(result.body) }));';
      const served = JSON.parse(
        execFileSync(process.execPath, ['--input-type=module', '-e', script], {
          cwd: dir,
          encoding: 'utf8',
          env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-3', TABLE_NAME: 'unused', LOG_LEVEL: 'ERROR' },
        }),
      ) as { status: number; body: ReturnType<typeof openApiDocument> };
      expect([served.status, served.body.info.title, Object.keys(served.body.paths!).length]).toEqual([
        200,
        'From the file',
        Object.keys(written.paths!).length,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("a bundled function, in Lambda's place", () => {
  let dir: string;
  let table: TestTable;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vo-bundled-function-'));
    table = await createTestTable('bundled-function');
    await build({
      ...platformEsbuildOptions(join(projectRoot, 'functions/platform/get-health.ts'), dir),
      absWorkingDir: projectRoot,
      logLevel: 'error',
    });
    // A profile the SDK's full chain would find (~/.aws/credentials): the bundle must not look there.
    mkdirSync(join(dir, 'home', '.aws'), { recursive: true });
    writeFileSync(
      join(dir, 'home', '.aws', 'credentials'),
      '[default]\naws_access_key_id = fromprofile\naws_secret_access_key = fromprofile\n',
    );
  }, 60_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await table.drop();
  });

  /** GET /health through the bundle in a fresh node, as Lambda's runtime would call it: its status and error log. */
  const health = (credentials: Record<string, string>): { status: number; log: string } => {
    const script = `${callingBundle(dir, '/health')}process.stdout.write(String(result.statusCode));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: dir,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        HOME: join(dir, 'home'),
        NODE_OPTIONS: FUNCTION_NODE_OPTIONS,
        AWS_REGION: 'eu-west-3',
        // The SDK's own endpoint setting: the function's code knows nothing of DynamoDB Local here.
        AWS_ENDPOINT_URL_DYNAMODB: process.env.DYNAMODB_ENDPOINT,
        TABLE_NAME: table.tableName,
        LOG_LEVEL: 'ERROR',
        ...credentials,
      },
    });
    return { status: Number(run.stdout), log: run.stderr + run.stdout };
  };

  it('reaches DynamoDB with the credentials Lambda puts in its environment', () => {
    // DynamoDB Local takes any key made of letters and digits.
    expect(health({ AWS_ACCESS_KEY_ID: 'lambdarole', AWS_SECRET_ACCESS_KEY: 'lambdarole' })).toEqual({
      status: 200,
      log: '200',
    });
  }, 30_000);

  it('looks nowhere else for them', () => {
    const { status, log } = health({});
    expect(status).toBe(500);
    expect(log).toContain('Unable to find environment variable credentials');
  }, 30_000);
});
