/**
 * Every Lambda of the platform, with its defaults fixed in one place: Node.js, arm64, an ESM
 * bundle with source maps and the AWS SDK inside, its own log group, X-Ray tracing and a role that starts empty (each
 * permission is granted from the wiring declaration, nothing by default).
 */
import * as path from 'node:path';
import { Duration, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type BundlingOptions, type ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
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
  /** Personal data (IP addresses, ids) may be logged: kept six months, as the CNIL advises for logs. @default RetentionDays.SIX_MONTHS */
  readonly logRetention?: RetentionDays;
}

/** Lets an ESM bundle load the CommonJS dependencies that call `require` (esbuild's advice). */
const ESM_REQUIRE_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/** NODE_OPTIONS of every function: stack traces point at the TypeScript sources, through the bundled source map. */
export const FUNCTION_NODE_OPTIONS = '--enable-source-maps';

/**
 * How every function is bundled. Exported so bench/bundles.ts builds (through platformEsbuildOptions)
 * exactly what a synth deploys.
 */
export const PLATFORM_BUNDLING = {
  format: OutputFormat.ESM,
  // Prefer the ESM build of dependencies that ship both.
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  minify: true,
  sourceMap: true,
  // File and line are enough in a stack trace; the sources themselves would double the bundle.
  sourcesContent: false,
  // The AWS SDK goes in the bundle (the default leaves @aws-sdk/* to the runtime's copy): the
  // function runs the exact versions the tests ran, packages the runtime may not ship
  // (@aws-sdk/s3-request-presigner) are there, and, measured, the import is cheaper: tree-shaken
  // ESM in one file costs the health check ~130 ms of CPU, the SDK loaded from node_modules ~180 ms,
  // though its bundle is half the size.
  externalModules: [],
} as const satisfies BundlingOptions;

/**
 * Packages replaced in every bundle (esbuild's alias, paths from the project root): the SDK's default
 * credential chain by its first link, the environment, where Lambda puts the role's credentials
 * (shared/runtime/lambda-credentials.ts says why).
 */
export const BUNDLE_ALIASES = {
  '@aws-sdk/credential-provider-node': './shared/runtime/lambda-credentials.ts',
} as const;

/**
 * The options of esbuild's build API that NodejsFunction derives from PLATFORM_BUNDLING (the flags
 * aws-lambda-nodejs/lib/bundling.ts passes to the esbuild command: --bundle, --target from the
 * runtime, --platform=node and one per option set above).
 */
export const platformEsbuildOptions = (entry: string, outfile: string) => ({
  entryPoints: [entry],
  bundle: true,
  outfile,
  target: LAMBDA_RUNTIME.name.replace(/^nodejs(\d+).*$/, 'node$1'),
  platform: 'node' as const,
  format: PLATFORM_BUNDLING.format,
  minify: PLATFORM_BUNDLING.minify,
  sourcemap: PLATFORM_BUNDLING.sourceMap,
  sourcesContent: PLATFORM_BUNDLING.sourcesContent,
  external: [...PLATFORM_BUNDLING.externalModules],
  banner: { js: PLATFORM_BUNDLING.banner },
  mainFields: [...PLATFORM_BUNDLING.mainFields],
  alias: { ...BUNDLE_ALIASES },
});

const copyFilesHook = (bundled: BundledFiles): ICommandHooks => ({
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: (inputDir, outputDir) => [
    `mkdir -p "${path.posix.join(outputDir, bundled.toDir)}"`,
    ...bundled.files.map(
      (file) =>
        `cp "${path.posix.join(inputDir, bundled.fromDir, file)}" "${path.posix.join(outputDir, bundled.toDir)}/"`,
    ),
  ],
});

export class PlatformFunction extends NodejsFunction {
  /** The files copied beside its bundle, if any. */
  readonly bundledFiles?: BundledFiles;

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
      entry: path.join(projectRoot, props.handler),
      projectRoot,
      depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
      handler: 'handler',
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
      bundling: {
        ...PLATFORM_BUNDLING,
        mainFields: [...PLATFORM_BUNDLING.mainFields],
        externalModules: [...PLATFORM_BUNDLING.externalModules],
        esbuildArgs: Object.fromEntries(
          Object.entries(BUNDLE_ALIASES).map(([name, path]) => [`--alias:${name}`, path]),
        ),
        ...(props.bundledFiles ? { commandHooks: copyFilesHook(props.bundledFiles) } : {}),
      },
    });

    this.bundledFiles = props.bundledFiles;

    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray accepts trace segments only on Resource "*"; that is the only wildcard tracing adds.',
    });
  }
}
