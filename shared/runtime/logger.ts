/**
 * Structured JSON logs (Powertools; the level comes from POWERTOOLS_LOG_LEVEL or LOG_LEVEL, read
 * by Powertools itself).
 *
 * Request context lives in an AsyncLocalStorage scope, not in the Logger: the local runtime runs many
 * invocations at once in one process, sharing this module, so keys appended to a shared Logger would
 * land on another request's lines. Each invocation runs in its own scope (`inLogScope`: the HTTP
 * stack, the scheduled builder and the local runtime's handler loader open one); inside it
 * `appendKeys`, `removeKeys`, `resetKeys` and `addContext` act on that scope only, and every line
 * carries the keys and Lambda context of the scope it was written in. Outside any scope (a Lambda
 * handler that opens none: invocations there run one at a time) they fall back to Powertools' own.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger, LogFormatter, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import type { Context } from 'aws-lambda';

type LambdaContextFields = NonNullable<UnformattedAttributes['lambdaContext']>;

interface LogScope {
  context?: LambdaContextFields;
  keys: Record<string, unknown>;
}

const scopes = new AsyncLocalStorage<LogScope>();

let coldStart = true;
const contextFields = (context: Context): LambdaContextFields => {
  const fields = {
    invokedFunctionArn: context.invokedFunctionArn,
    coldStart,
    awsRequestId: context.awsRequestId,
    memoryLimitInMB: context.memoryLimitInMB,
    functionName: context.functionName,
    functionVersion: context.functionVersion,
  };
  coldStart = false;
  return fields;
};

/** Powertools' default line layout, with the current scope's Lambda context and keys. */
class ScopedLogFormatter extends LogFormatter {
  formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    const scope = scopes.getStore();
    const lambda = scope?.context ?? attributes.lambdaContext;
    return new LogItem({
      attributes: {
        level: attributes.logLevel,
        message: attributes.message,
        timestamp: this.formatTimestamp(attributes.timestamp),
        service: attributes.serviceName,
        cold_start: lambda?.coldStart,
        function_arn: lambda?.invokedFunctionArn,
        function_memory_size: lambda?.memoryLimitInMB,
        function_name: lambda?.functionName,
        function_request_id: lambda?.awsRequestId,
        sampling_rate: attributes.sampleRateValue,
        xray_trace_id: attributes.xRayTraceId,
      },
    }).addAttributes({ ...scope?.keys, ...additional });
  }
}

/** A Powertools Logger whose keys and Lambda context belong to the current scope when there is one. */
class ScopedLogger extends Logger {
  override appendKeys(attributes: LogAttributes): void {
    const scope = scopes.getStore();
    if (scope) Object.assign(scope.keys, attributes);
    else super.appendKeys(attributes);
  }

  override removeKeys(keys: string[]): void {
    const scope = scopes.getStore();
    if (scope) for (const key of keys) delete scope.keys[key];
    else super.removeKeys(keys);
  }

  override resetKeys(): void {
    const scope = scopes.getStore();
    if (scope) scope.keys = {};
    else super.resetKeys();
  }

  override addContext(context: Context): void {
    const scope = scopes.getStore();
    if (scope) scope.context = contextFields(context);
    else super.addContext(context);
  }
}

export const logger: Logger = new ScopedLogger({
  serviceName: 'ville-ouverte',
  logFormatter: new ScopedLogFormatter(),
});

/**
 * Runs one invocation in a fresh log scope: its lines carry `context` (when given) and the keys
 * appended during it, and nothing of any invocation running at the same time.
 */
export const inLogScope = <T>(context: Context | undefined, work: () => T): T =>
  scopes.run({ keys: {}, ...(context ? { context: contextFields(context) } : {}) }, work);

/**
 * Runs `work` with `keys` on every log line it writes, on top of the current scope's, in a scope of
 * its own: records handled in parallel never name each other's ids.
 */
export const withRecordKeys = <T>(keys: Readonly<Record<string, string>>, work: () => Promise<T>): Promise<T> => {
  const parent = scopes.getStore();
  return scopes.run(
    { keys: { ...parent?.keys, ...keys }, ...(parent?.context ? { context: parent.context } : {}) },
    work,
  );
};
