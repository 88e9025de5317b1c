/**
 * The local stand-in for API Gateway (HTTP API): an HTTP server that turns each request for a
 * declared route into the payload 2.0 event and calls that route's Lambda handler, with API
 * Gateway's limits and answers (404, 413, 429 past a route's throttle, 500, 503, CORS preflight). It is a function of the route
 * declarations and a handler loader, so tests can serve fixture handlers through it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RouteDeclaration } from '../../shared/wiring/types';
import { apiGatewayError, buildApiGatewayEvent, toHttpResponse, type HttpResponse } from './api-gateway-event';
import type { HandlerLoader } from './handler-loader';
import { describeError } from './describe-error';
import { createLambdaContext } from './lambda-context';
import type { LocalRoute } from './local-http';
import { bySpecificity, compileTemplate } from './route-matcher';
import type { Throttle } from './throttle';
import { throttleClassOf } from '../../shared/wiring/throttle';
import { corsPreflight } from '../../shared/wiring/cors';

/** API Gateway's payload limit. */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
/** API Gateway's longest integration timeout. */
const INTEGRATION_TIMEOUT_MS = 30_000;

export type GatewayRoute = Pick<RouteDeclaration, 'id' | 'method' | 'path' | 'handler'> &
  Partial<Pick<RouteDeclaration, 'access' | 'credentials' | 'throttle'>>;

export interface GatewayOptions {
  readonly routes: readonly GatewayRoute[];
  readonly loadHandler: HandlerLoader;
  /** Served under /_local whether or not the gateway is open. */
  readonly localRoutes?: readonly LocalRoute[];
  readonly maxPayloadBytes?: number;
  readonly integrationTimeoutMs?: number;
  /** What in a route's answer its declaration does not list (empty when it keeps its contract). */
  readonly checkAnswer?: (route: GatewayRoute, answer: HttpResponse) => readonly string[];
  /** Route throttling per client address and class (./throttle.ts), as API Gateway's route settings. */
  readonly throttle?: Throttle;
  readonly log?: (line: string) => void;
}

export interface Gateway {
  readonly server: Server;
  /** Starts listening; declared routes answer 503 until open() (local routes answer at once). */
  listen(port: number, host?: string): Promise<string>;
  /** Lets requests reach the declared routes: call it once everything they depend on is up. */
  open(): void;
  close(): Promise<void>;
}

class PayloadTooLarge extends Error {}

const readBody = (req: IncomingMessage, limit: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) return reject(new PayloadTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) reject(new PayloadTooLarge());
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/** The preflight answer API Gateway gives from the same declaration (shared/wiring/cors.ts). */
const PREFLIGHT: HttpResponse = {
  statusCode: 204,
  headers: {
    'access-control-allow-origin': corsPreflight.allowOrigins.join(','),
    'access-control-allow-methods': corsPreflight.allowMethods.join(','),
    'access-control-allow-headers': corsPreflight.allowHeaders.join(','),
    'access-control-expose-headers': corsPreflight.exposeHeaders.join(','),
    'access-control-max-age': String(corsPreflight.maxAgeSeconds),
  },
  cookies: [],
  body: Buffer.alloc(0),
};

const withTimeout = <T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
};
const TIMED_OUT = Symbol('timed out');

/** In tests, an answer that breaks its route's declaration fails loudly, saying how. */
const contractViolation = (route: GatewayRoute, answer: HttpResponse, violations: readonly string[]): HttpResponse => ({
  statusCode: 500,
  headers: { 'content-type': 'application/problem+json' },
  cookies: [],
  body: Buffer.from(
    JSON.stringify({
      type: 'urn:ville-ouverte:problem:answer-breaks-contract',
      title: 'The answer breaks the route declaration',
      status: 500,
      detail: `${route.id} answered ${answer.statusCode}: ${violations.join('; ')}`,
      answer: answer.body.toString('utf8').slice(0, 2000),
    }),
  ),
});

export const createGateway = (options: GatewayOptions): Gateway => {
  const limit = options.maxPayloadBytes ?? MAX_PAYLOAD_BYTES;
  const log = options.log ?? (() => {});
  const declared = options.routes.map((route) => ({ route, ...compileTemplate(route.path) })).sort(bySpecificity);
  const local = (options.localRoutes ?? [])
    .map((route) => ({ route, ...compileTemplate(route.path) }))
    .sort(bySpecificity);
  let isOpen = false;

  const invoke = async (
    req: IncomingMessage,
    rawPath: string,
    rawQueryString: string,
    body: Buffer,
  ): Promise<HttpResponse> => {
    const localMatch = local.find((entry) => entry.route.method === req.method && entry.match(rawPath));
    if (localMatch) {
      return localMatch.route.handle({
        method: req.method!,
        path: rawPath,
        params: localMatch.match(rawPath)!,
        query: new URLSearchParams(rawQueryString),
        headers: req.headers,
        body,
      });
    }
    const match = declared.find((entry) => entry.route.method === req.method && entry.match(rawPath));
    if (!match) return apiGatewayError(404, 'Not Found');
    if (!isOpen) return apiGatewayError(503, 'Service Unavailable');

    const { route } = match;
    const sourceIp = req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1';
    if (options.throttle) {
      const throttled = options.throttle.take(
        sourceIp,
        throttleClassOf({ access: 'public', ...route, method: route.method }),
        rawPath,
      );
      if (throttled) return throttled;
    }
    const event = buildApiGatewayEvent(
      {
        method: req.method!,
        rawPath,
        rawQueryString,
        rawHeaders: req.rawHeaders,
        body,
        sourceIp,
        protocol: `HTTP/${req.httpVersion}`,
      },
      { routeKey: `${route.method} ${route.path}`, pathParameters: match.match(rawPath)! },
    );
    try {
      const handler = await options.loadHandler(route.handler);
      const timeoutMs = options.integrationTimeoutMs ?? INTEGRATION_TIMEOUT_MS;
      const result = await withTimeout(
        Promise.resolve().then(() => handler(event, createLambdaContext(route.id, timeoutMs))),
        timeoutMs,
      );
      if (result === TIMED_OUT) {
        log(`${route.id} did not answer within ${timeoutMs} ms`);
        return apiGatewayError(503, 'Service Unavailable');
      }
      const answer = toHttpResponse(result);
      const violations = options.checkAnswer?.(route, answer) ?? [];
      if (violations.length === 0) return answer;
      log(`${route.id} broke its contract: ${violations.join('; ')}`);
      return contractViolation(route, answer, violations);
    } catch (error) {
      // API Gateway hides a failed invocation behind a bare 500; the developer sees why here.
      log(`${route.id} failed: ${describeError(error)}`);
      return apiGatewayError(500, 'Internal Server Error');
    }
  };

  const respond = (req: IncomingMessage, res: ServerResponse, response: HttpResponse): void => {
    const headers: Record<string, string | string[]> = { ...response.headers };
    if (response.cookies.length > 0) headers['set-cookie'] = [...response.cookies];
    if (req.headers.origin && !headers['access-control-allow-origin']) headers['access-control-allow-origin'] = '*';
    res.writeHead(response.statusCode, headers);
    res.end(response.body);
  };

  const server = createServer((req, res) => {
    const started = Date.now();
    const [rawPath = '/', rawQueryString = ''] = (req.url ?? '/').split(/\?(.*)/s);
    const handle = async (): Promise<HttpResponse> => {
      if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) return PREFLIGHT;
      try {
        return await invoke(req, rawPath, rawQueryString, await readBody(req, limit));
      } catch (error) {
        if (!(error instanceof PayloadTooLarge)) throw error;
        // Let the client finish sending, so it reads our answer instead of a reset connection.
        req.resume();
        res.setHeader('connection', 'close');
        return apiGatewayError(413, 'Request Entity Too Large');
      }
    };
    handle()
      .catch((error: unknown) => {
        log(`${req.method} ${rawPath} failed: ${describeError(error)}`);
        return apiGatewayError(500, 'Internal Server Error');
      })
      .then((response) => {
        respond(req, res, response);
        // The handlers' own SendMessage calls to the local SQS endpoint would drown the access log.
        if (!rawPath.startsWith('/_local/sqs')) {
          log(`${req.method} ${rawPath} ${response.statusCode} ${Date.now() - started} ms`);
        }
      });
  });

  return {
    server,
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.removeListener('error', reject);
          resolve(`http://${host}:${(server.address() as AddressInfo).port}`);
        });
      }),
    open: () => {
      isOpen = true;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Requests in progress get a moment to finish; then their connections are cut.
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      }),
  };
};
