/**
 * X-Ray tracing without the X-Ray SDK. Lambda's active tracing records each invocation; this adds a
 * subsegment for the handler and one per AWS SDK call inside it, sent as independent subsegment
 * documents to the X-Ray daemon Lambda runs beside the function (UDP, AWS_XRAY_DAEMON_ADDRESS),
 * under the invocation's trace (_X_AMZN_TRACE_ID). No trace header, or one not sampled (tests, one
 * machine): nothing is sent.
 *
 * Why not Powertools' Tracer: it wraps the X-Ray SDK for Node, in maintenance since February 2026 and
 * out of support in February 2027, and weighed ~125 KB and ~10 ms of import in every bundle for the
 * same two kinds of subsegment. Documents follow AWS X-Ray's segment document format.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';

const SERVICE = process.env.POWERTOOLS_SERVICE_NAME ?? 'ville-ouverte';

export interface TraceContext {
  readonly traceId: string;
  /** The segment (or subsegment) new subsegments hang under. */
  readonly parentId: string;
}

/** The sampled trace of `header` (Root=…;Parent=…;Sampled=1), or none. */
export const sampledTrace = (header: string | undefined): TraceContext | undefined => {
  const fields = new Map(
    (header ?? '').split(';').map((field) => field.split('=', 2).map((s) => s.trim()) as [string, string]),
  );
  const traceId = fields.get('Root');
  const parentId = fields.get('Parent');
  return traceId && parentId && fields.get('Sampled') === '1' ? { traceId, parentId } : undefined;
};

/** The handler's subsegment while it runs: SDK calls made inside it hang under it. */
const invocation = new AsyncLocalStorage<TraceContext>();

const currentTrace = (): TraceContext | undefined =>
  invocation.getStore() ?? sampledTrace(process.env._X_AMZN_TRACE_ID);

/** Where the daemon listens: `host:port`, or `tcp:host:port udp:host:port`. */
const daemonAddress = (): { host: string; port: number } => {
  const value = process.env.AWS_XRAY_DAEMON_ADDRESS ?? '127.0.0.1:2000';
  const udp = /(?:^|\s)udp:(\S+)/.exec(value)?.[1] ?? value.trim();
  const separator = udp.lastIndexOf(':');
  return { host: udp.slice(0, separator), port: Number(udp.slice(separator + 1)) };
};

let socket: Socket | undefined;
const DAEMON_HEADER = '{"format":"json","version":1}\n';

export interface Subsegment {
  readonly name: string;
  /** Epoch milliseconds. */
  readonly start: number;
  readonly end: number;
  readonly namespace?: 'aws' | 'remote';
  readonly aws?: Record<string, unknown>;
  readonly http?: { readonly response: { readonly status: number } };
  readonly annotations?: Record<string, string | number | boolean>;
  /** error: a 4xx; throttle: a 429 (with error); fault: anything else that failed. */
  readonly error?: boolean;
  readonly throttle?: boolean;
  readonly fault?: boolean;
  readonly cause?: { readonly exceptions: readonly { readonly type: string; readonly message: string }[] };
}

export const newSegmentId = (): string => randomBytes(8).toString('hex');

/** Sends one finished subsegment; never throws, never waits (UDP, as the X-Ray SDK does). */
export const sendSubsegment = (
  trace: TraceContext,
  { start, end, ...subsegment }: Subsegment,
  id = newSegmentId(),
): void => {
  const document = {
    ...subsegment,
    id,
    type: 'subsegment',
    trace_id: trace.traceId,
    parent_id: trace.parentId,
    start_time: start / 1000,
    end_time: end / 1000,
  };
  try {
    socket ??= createSocket('udp4').unref();
    const { host, port } = daemonAddress();
    socket.send(DAEMON_HEADER + JSON.stringify(document), port, host, () => undefined);
  } catch {
    // Tracing must never fail a request.
  }
};

/** The flags a failed call's status gives its subsegment. */
const failure = (error: unknown, status: number | undefined): Partial<Subsegment> => {
  const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
  const cause = { exceptions: [{ type: name, message }] };
  if (status === 429) return { error: true, throttle: true, cause };
  if (status !== undefined && status >= 400 && status < 500) return { error: true, cause };
  return { fault: true, cause };
};

interface SdkMetadata {
  readonly httpStatusCode?: number;
  readonly requestId?: string;
  readonly attempts?: number;
}

interface TraceableClient {
  readonly middlewareStack: {
    add(
      middleware: (
        next: (args: { input: object }) => Promise<{ output: { $metadata?: SdkMetadata } }>,
        context: { clientName?: string; commandName?: string },
      ) => (args: { input: object }) => Promise<{ output: { $metadata?: SdkMetadata } }>,
      options: { step: 'initialize'; name: string },
    ): void;
  };
  readonly config: { region: string | (() => Promise<string>) };
}

/**
 * Each call of `client` a subsegment named after its service (DynamoDB, SQS…), with the operation,
 * region, request id and retries; the table or queue when the input names one.
 */
export const traceAwsCalls = <C extends TraceableClient>(client: C): C => {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const trace = currentTrace();
      if (!trace) return next(args);
      const start = Date.now();
      const input = args.input as { TableName?: string; QueueUrl?: string };
      const region = typeof client.config.region === 'function' ? await client.config.region() : client.config.region;
      const described = (metadata: SdkMetadata | undefined) => ({
        name: (context.clientName ?? 'AWS').replace(/Client$/, ''),
        namespace: 'aws' as const,
        aws: {
          operation: (context.commandName ?? '').replace(/Command$/, ''),
          region,
          request_id: metadata?.requestId,
          retries: Math.max((metadata?.attempts ?? 1) - 1, 0),
          ...(input.TableName ? { table_name: input.TableName } : {}),
          ...(input.QueueUrl ? { queue_url: input.QueueUrl } : {}),
        },
        ...(metadata?.httpStatusCode ? { http: { response: { status: metadata.httpStatusCode } } } : {}),
      });
      try {
        const result = await next(args);
        sendSubsegment(trace, { ...described(result.output.$metadata), start, end: Date.now() });
        return result;
      } catch (error) {
        const metadata = (error as { $metadata?: SdkMetadata }).$metadata;
        sendSubsegment(trace, {
          ...described(metadata),
          ...failure(error, metadata?.httpStatusCode),
          start,
          end: Date.now(),
        });
        throw error;
      }
    },
    { step: 'initialize', name: 'xrayTracing' },
  );
  return client;
};

let coldStart = true;

/**
 * Runs one invocation in its own subsegment, named after the handler (`## index.handler`) and
 * annotated with ColdStart and Service, marked faulty when it throws.
 */
export const inHandlerSubsegment = async <T>(run: () => Promise<T>): Promise<T> => {
  const trace = sampledTrace(process.env._X_AMZN_TRACE_ID);
  const annotations = { ColdStart: coldStart, Service: SERVICE };
  coldStart = false;
  if (!trace) return run();
  const id = newSegmentId();
  const start = Date.now();
  const finish = (outcome: Partial<Subsegment>) =>
    sendSubsegment(
      trace,
      { name: `## ${process.env._HANDLER ?? 'handler'}`, annotations, ...outcome, start, end: Date.now() },
      id,
    );
  try {
    const result = await invocation.run({ traceId: trace.traceId, parentId: id }, run);
    finish({});
    return result;
  } catch (error) {
    finish(failure(error, undefined));
    throw error;
  }
};
