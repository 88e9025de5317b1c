/**
 * Every Lambda of the platform, with its defaults fixed in one place: Node.js, arm64, an ESM
 * bundle (code split) with source maps and the AWS SDK inside, its own log group, X-Ray tracing and
 * a role that starts empty (each permission is granted from the wiring declaration, nothing by
 * default).
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { AssetHashType, DockerImage, Duration, Validations, type ILocalBundling } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { buildSync } from 'esbuild';
import { projectRoot } from '../project-root';

/**
 * Node.js 24: cdk-nag's AwsSolutions-L1 asks for the newest runtime Lambda offers. Local runs
 * use the `node` devDependency (22); nothing in the code depends on the difference.
 */
export const LAMBDA_RUNTIME = Runtime.NODEJS_24_X;

/** Files copied from the project into the bundle, next to index.mjs. */
export interface BundledFiles {
  /** Directory relative to the project root, e.g. node_modules/swagger-ui-dist. */
  readonly fromDir: string;
  readonly files: readonly string[];
  /** Directory inside the bundle (/var/task/<toDir> at run time). */
  readonly toDir: string;
}

/** File name beside index.mjs → its content, made at synth. */
export type WrittenFiles = Readonly<Record<string, () => string>>;

export interface PlatformFunctionProps {
  /** Handler module path from the project root; it exports `handler`. */
  readonly handler: string;
  /** Environment variables added to the common ones (NODE_OPTIONS, POWERTOOLS_SERVICE_NAME). */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default Duration.seconds(10) */
  readonly timeout?: Duration;
  /** More memory is also more CPU: 512 MB keeps cold starts short for a small price. @default 512 */
  readonly memorySize?: number;
  /** Files the handler reads from disk at run time. @default - none */
  readonly bundledFiles?: BundledFiles;
  /** Files written beside index.mjs at synth, by name: what the handler would otherwise build at each cold start. @default - none */
  readonly writtenFiles?: WrittenFiles;
  /** Personal data (IP addresses, ids) may be logged: kept six months, as the CNIL advises for logs. @default RetentionDays.SIX_MONTHS */
  readonly logRetention?: RetentionDays;
}

/** Lets an ESM bundle load the CommonJS dependencies that call `require` (esbuild's advice). */
const ESM_REQUIRE_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/** NODE_OPTIONS of every function: stack traces point at the TypeScript sources, through the bundled source map. */
export const FUNCTION_NODE_OPTIONS = '--enable-source-maps';

/**
 * Packages replaced in every bundle (esbuild's alias, paths from the project root): the SDK's default
 * credential chain by its first link, the environment, where Lambda puts the role's credentials
 * (shared/runtime/lambda-credentials.ts says why).
 */
export const BUNDLE_ALIASES = {
  '@aws-sdk/credential-provider-node': './shared/runtime/lambda-credentials.ts',
} as const;

/**
 * How every function is bundled, by esbuild's build API into `outdir`: the one source of truth a
 * synth (PlatformFunction below) and bench/bundles.ts both build with.
 *
 * The entry goes to index.mjs (Lambda's `index.handler`). Each module imported on first use
 * (shared/runtime/on-first-use.ts) goes, with what only it needs, to a chunk of its own under
 * chunks/, read and compiled when first imported. In one file, code a function never runs still
 * costs its cold start, as V8 parses all of a module it loads: measured, the S3 client a report's
 * page never calls weighed ~190 KB and ~25 ms of its import.
 */
export const platformEsbuildOptions = (entry: string, outdir: string) => ({
  entryPoints: { index: entry },
  bundle: true,
  outdir,
  outExtension: { '.js': '.mjs' },
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  target: LAMBDA_RUNTIME.name.replace(/^nodejs(\d+).*$/, 'node$1'),
  platform: 'node' as const,
  format: 'esm' as const,
  // Prefer the ESM build of dependencies that ship both.
  mainFields: ['module', 'main'],
  banner: { js: ESM_REQUIRE_BANNER },
  minify: true,
  sourcemap: true,
  // File and line are enough in a stack trace; the sources themselves would double the bundle.
  sourcesContent: false,
  // The AWS SDK goes in the bundle (Lambda's runtime has its own copy): the function runs the exact
  // versions the tests ran, packages the runtime may not ship (@aws-sdk/s3-request-presigner) are
  // there, and, measured under Node 24, the import is much cheaper: a vote's function 82 ms (wall)
  // with the SDK tree-shaken in, 125 ms with it loaded from node_modules's many files, though what
  // its cold start loads is then 278 KB instead of 506.
  external: [],
  alias: { ...BUNDLE_ALIASES },
});

/**
 * esbuild run here at synth, as NodejsFunction's local bundling does, but through the build API:
 * NodejsFunction gives esbuild an outfile, and code splitting needs an outdir. Its fields are part of
 * CDK's cache key for the asset, so two functions never share one.
 */
export class PlatformBundling implements ILocalBundling {
  constructor(
    readonly handler: string,
    readonly bundledFiles?: BundledFiles,
    readonly writtenFiles?: WrittenFiles,
  ) {}

  tryBundle(outputDir: string): boolean {
    buildSync({
      ...platformEsbuildOptions(path.join(projectRoot, this.handler), outputDir),
      absWorkingDir: projectRoot,
      logLevel: 'error',
    });
    if (this.bundledFiles) {
      const { fromDir, files, toDir } = this.bundledFiles;
      mkdirSync(path.join(outputDir, toDir), { recursive: true });
      for (const file of files) cpSync(path.join(projectRoot, fromDir, file), path.join(outputDir, toDir, file));
    }
    for (const [name, content] of Object.entries(this.writtenFiles ?? {})) {
      writeFileSync(path.join(outputDir, name), content());
    }
    return true;
  }
}

export class PlatformFunction extends LambdaFunction {
  /** The files copied beside its bundle, if any. */
  readonly bundledFiles?: BundledFiles;
  /** The files written beside its bundle, if any. */
  readonly writtenFiles?: WrittenFiles;

  constructor(scope: Construct, id: string, props: PlatformFunctionProps) {
    // The role and log group are created here so that nothing is granted by a managed policy:
    // the function may write to its own log group, and receives the rest from the wiring. They are
    // siblings of the function (`${id}Role`, `${id}Logs`): `this` does not exist before super().
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.handler}`,
    });
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: props.logRetention ?? RetentionDays.SIX_MONTHS });
    logGroup.grantWrite(role);

    super(scope, id, {
      code: Code.fromAsset(projectRoot, {
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          local: new PlatformBundling(props.handler, props.bundledFiles, props.writtenFiles),
          // Required by CDK for when local bundling fails; it never does (esbuild is a dependency),
          // so no image is pulled.
          image: DockerImage.fromRegistry(`public.ecr.aws/sam/build-${LAMBDA_RUNTIME.name}`),
        },
      }),
      handler: 'index.handler',
      runtime: LAMBDA_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role,
      logGroup,
      tracing: Tracing.ACTIVE,
      environment: {
        NODE_OPTIONS: FUNCTION_NODE_OPTIONS,
        POWERTOOLS_SERVICE_NAME: 'ville-ouverte',
        ...props.environment,
      },
    });

    this.bundledFiles = props.bundledFiles;
    this.writtenFiles = props.writtenFiles;

    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray accepts trace segments only on Resource "*"; that is the only wildcard tracing adds.',
    });
  }
}
