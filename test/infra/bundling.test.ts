/**
 * What goes into the Lambda bundles, built by esbuild with PlatformFunction's own options (as a
 * synth builds them): no reference data inlined, the ESM builds of dependencies that ship one, one
 * copy of each package, zod without its locales; and the import function's lists of EPCIs and
 * communes shipped beside its bundle, and read from there. Bundling all ~230 functions takes
 * minutes on a small machine: the functions that carried etalab's lists and a plain one are built
 * here, and `npm run bench` (bench/bundles.ts) builds and measures them all.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { FUNCTION_NODE_OPTIONS, platformEsbuildOptions } from '../../infra/constructs/platform-function';
import { buildApiGatewayEvent } from '../../infra/local/api-gateway-event';
import { planFunctions } from '../../infra/function-plan';
import { projectRoot } from '../../infra/project-root';
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

/** The sample's bundles at once (one esbuild run, each entry its own output): inputs by handler. */
const bundleInputs = async (): Promise<Map<string, string[]>> => {
  const dir = mkdtempSync(join(tmpdir(), 'vo-bundling-test-'));
  const { entryPoints: _entry, outfile: _outfile, ...options } = platformEsbuildOptions('', '');
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
  const byHandler = new Map<string, string[]>();
  for (const output of Object.values((metafile as Metafile).outputs)) {
    if (output.entryPoint) byHandler.set(output.entryPoint, Object.keys(output.inputs));
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
      // The catalogue bundled as in the import's function, the files copied as its hook copies them.
      await build({
        ...platformEsbuildOptions(join(projectRoot, 'shared/territory/etalab-catalogue.ts'), join(dir, 'index.mjs')),
        absWorkingDir: projectRoot,
        logLevel: 'error',
      });
      mkdirSync(join(dir, ETALAB_BUNDLED_FILES.toDir));
      for (const file of ETALAB_BUNDLED_FILES.files) {
        copyFileSync(
          join(projectRoot, ETALAB_BUNDLED_FILES.fromDir, file),
          join(dir, ETALAB_BUNDLED_FILES.toDir, file),
        );
      }
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

describe("a bundled function, in Lambda's place", () => {
  let dir: string;
  let table: TestTable;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vo-bundled-function-'));
    table = await createTestTable('bundled-function');
    await build({
      ...platformEsbuildOptions(join(projectRoot, 'functions/platform/get-health.ts'), join(dir, 'index.mjs')),
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
    const event = buildApiGatewayEvent(
      {
        method: 'GET',
        rawPath: '/health',
        rawQueryString: '',
        rawHeaders: ['host', 'api.example.org'],
        body: Buffer.alloc(0),
        sourceIp: '192.0.2.1',
        protocol: 'HTTP/1.1',
      },
      { routeKey: 'GET /health', pathParameters: {} },
    );
    const script =
      `const { handler } = await import(${JSON.stringify(pathToFileURL(join(dir, 'index.mjs')).href)});` +
      `const result = await handler(${JSON.stringify(event)}, { functionName: 'get-health', awsRequestId: 'bundled' });` +
      'process.stdout.write(String(result.statusCode));';
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
