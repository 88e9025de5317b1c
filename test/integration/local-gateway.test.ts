/** The local gateway over real HTTP, serving fixture handlers through the same loader `npm start` uses. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { request } from 'node:http';
import { createGateway, type Gateway, type GatewayRoute } from '../../infra/local/gateway';
import { createHandlerLoader } from '../../infra/local/handler-loader';
import { jsonResponse } from '../../infra/local/local-http';
import { PNG_SIGNATURE } from '../support/fixtures/binary-handler';

const fixture = (name: string) => `test/support/fixtures/${name}.ts`;
const routes: GatewayRoute[] = [
  { id: 'echoPart', method: 'POST', path: '/things/{id}/parts/{part}', handler: fixture('echo-handler') },
  { id: 'echoFile', method: 'GET', path: '/files/{path+}', handler: fixture('echo-handler') },
  { id: 'echoReadme', method: 'GET', path: '/files/readme', handler: fixture('echo-handler') },
  { id: 'plain', method: 'GET', path: '/plain', handler: fixture('plain-result-handler') },
  { id: 'failing', method: 'GET', path: '/failing', handler: fixture('failing-handler') },
  { id: 'binary', method: 'GET', path: '/binary', handler: fixture('binary-handler') },
];

interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/** node:http rather than fetch, to send repeated header lines exactly as given. */
const send = (
  url: string,
  options: { method?: string; rawHeaders?: string[]; body?: Buffer | string } = {},
): Promise<RawResponse> =>
  new Promise((resolve, reject) => {
    // Given as raw lines, headers are sent as they are: Host is not added for us.
    const headers = ['Host', new URL(url).host, ...(options.rawHeaders ?? [])];
    const req = request(url, { method: options.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(options.body);
  });

const echoed = (response: RawResponse) =>
  JSON.parse(response.body.toString()) as {
    event: APIGatewayProxyEventV2;
    context: { awsRequestId: string; functionName: string; remainingTimeInMillis: number };
  };

let gateway: Gateway;
let url: string;

beforeAll(async () => {
  gateway = createGateway({
    routes,
    loadHandler: createHandlerLoader(),
    localRoutes: [{ method: 'GET', path: '/_local/ping', handle: () => jsonResponse(200, { pong: true }) }],
  });
  url = await gateway.listen(0);
  gateway.open();
});

afterAll(() => gateway.close());

describe('the event a route handler receives', () => {
  it('is a payload 2.0 event with the route key, raw path and decoded path parameters', async () => {
    const { event } = echoed(await send(`${url}/things/a%20b/parts/42`, { method: 'POST' }));

    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /things/{id}/parts/{part}',
      rawPath: '/things/a%20b/parts/42',
      pathParameters: { id: 'a b', part: '42' },
    });
  });

  it('carries the raw query string and the parameters decoded, repeated ones joined by commas', async () => {
    const { event } = echoed(await send(`${url}/things/1/parts/2?tag=a&tag=b&q=caf%C3%A9`, { method: 'POST' }));

    expect(event.rawQueryString).toBe('tag=a&tag=b&q=caf%C3%A9');
    expect(event.queryStringParameters).toEqual({ tag: 'a,b', q: 'café' });
  });

  it('carries headers lower-cased, repeated ones joined by commas, and cookies apart', async () => {
    const response = await send(`${url}/things/1/parts/2`, {
      method: 'POST',
      rawHeaders: ['X-Trace', 'one', 'X-Trace', 'two', 'Cookie', 'a=1; b=2', 'User-Agent', 'jest'],
    });

    const { event } = echoed(response);
    expect(event.headers['x-trace']).toBe('one,two');
    expect(event.headers['user-agent']).toBe('jest');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.cookies).toEqual(['a=1', 'b=2']);
  });

  it('carries a JSON body as text', async () => {
    const body = JSON.stringify({ title: 'Nid-de-poule rue Alsace-Lorraine' });

    const { event } = echoed(
      await send(`${url}/things/1/parts/2`, { method: 'POST', rawHeaders: ['Content-Type', 'application/json'], body }),
    );

    expect(event.body).toBe(body);
    expect(event.isBase64Encoded).toBe(false);
  });

  it('carries a binary body base64-encoded', async () => {
    const { event } = echoed(
      await send(`${url}/things/1/parts/2`, {
        method: 'POST',
        rawHeaders: ['Content-Type', 'image/png'],
        body: PNG_SIGNATURE,
      }),
    );

    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body!, 'base64')).toEqual(PNG_SIGNATURE);
  });

  it('has no body when the request has none', async () => {
    const { event } = echoed(await send(`${url}/things/1/parts/2`, { method: 'POST' }));

    expect(event.body).toBeUndefined();
    expect(event.isBase64Encoded).toBe(false);
  });

  it("has API Gateway's request context", async () => {
    const before = Date.now();

    const { event } = echoed(
      await send(`${url}/things/1/parts/2`, { method: 'POST', rawHeaders: ['User-Agent', 'jest'] }),
    );

    expect(event.requestContext).toMatchObject({
      http: {
        method: 'POST',
        path: '/things/1/parts/2',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'jest',
      },
      routeKey: 'POST /things/{id}/parts/{part}',
      stage: '$default',
      requestId: expect.any(String),
    });
    expect(event.requestContext.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(event.requestContext.timeEpoch).toBeGreaterThanOrEqual(before);
  });

  it('comes with a Lambda context: request id, function name, remaining time', async () => {
    const { context } = echoed(await send(`${url}/things/1/parts/2`, { method: 'POST' }));

    expect(context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(context.functionName).toBe('echoPart');
    expect(context.remainingTimeInMillis).toBeGreaterThan(25_000);
  });
});

describe('routing', () => {
  it('gives a greedy parameter every remaining segment', async () => {
    const { event } = echoed(await send(`${url}/files/docs/2026/plan%20v2.pdf`));

    expect(event.pathParameters).toEqual({ path: 'docs/2026/plan v2.pdf' });
  });

  it('prefers a literal route to a greedy one', async () => {
    const { event } = echoed(await send(`${url}/files/readme`));

    expect(event.routeKey).toBe('GET /files/readme');
  });

  it("answers an undeclared path with API Gateway's 404", async () => {
    const response = await send(`${url}/nowhere`);

    expect(response.status).toBe(404);
    expect(JSON.parse(response.body.toString())).toEqual({ message: 'Not Found' });
  });

  it('answers a declared path called with another method with 404', async () => {
    const response = await send(`${url}/plain`, { method: 'DELETE' });

    expect(response.status).toBe(404);
  });

  it('serves local-only routes without turning them into Lambda events', async () => {
    const response = await send(`${url}/_local/ping`);

    expect(JSON.parse(response.body.toString())).toEqual({ pong: true });
  });
});

describe('the response', () => {
  it("carries the handler's status, headers and each cookie as a set-cookie header", async () => {
    const response = await send(`${url}/things/1/parts/2`, { method: 'POST' });

    expect(response.status).toBe(201);
    expect(response.headers['x-handled-by']).toBe('echoPart');
    expect(response.headers['set-cookie']).toEqual(['session=abc; Path=/; HttpOnly', 'theme=dark']);
  });

  it('is a 200 JSON response when the handler returns an object without statusCode', async () => {
    const response = await send(`${url}/plain`);

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(JSON.parse(response.body.toString())).toEqual({ hello: 'world' });
  });

  it('is the decoded bytes when the handler returns a base64-encoded body', async () => {
    const response = await send(`${url}/binary`);

    expect(response.headers['content-type']).toBe('image/png');
    expect(response.body).toEqual(PNG_SIGNATURE);
  });

  it('is a bare 500 when the handler throws', async () => {
    const response = await send(`${url}/failing`);

    expect(response.status).toBe(500);
    expect(JSON.parse(response.body.toString())).toEqual({ message: 'Internal Server Error' });
  });
});

describe("API Gateway's limits and CORS", () => {
  it('answers 413 to a body over 10 MB, as API Gateway does', async () => {
    const response = await fetch(`${url}/things/1/parts/2`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.alloc(10 * 1024 * 1024 + 1),
    });

    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ message: 'Request Entity Too Large' });
  });

  it('accepts a body of exactly 10 MB', async () => {
    const response = await fetch(`${url}/things/1/parts/2`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.alloc(10 * 1024 * 1024),
    });

    expect(response.status).toBe(201);
  });

  it('answers a CORS preflight for any origin, allowing Authorization, Content-Type and Idempotency-Key', async () => {
    const response = await send(`${url}/things/1/parts/2`, {
      method: 'OPTIONS',
      rawHeaders: ['Origin', 'http://localhost:5173', 'Access-Control-Request-Method', 'POST'],
    });

    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['access-control-allow-headers']).toMatch(/Authorization/);
    expect(response.headers['access-control-allow-headers']).toMatch(/Content-Type/);
    expect(response.headers['access-control-allow-headers']).toMatch(/Idempotency-Key/);
    expect(response.headers['access-control-allow-methods']).toMatch(/POST/);
  });
});

describe('a gateway not yet opened', () => {
  it('answers declared routes with 503 while local routes already answer', async () => {
    const starting = createGateway({
      routes,
      loadHandler: createHandlerLoader(),
      localRoutes: [{ method: 'GET', path: '/_local/ping', handle: () => jsonResponse(200, { pong: true }) }],
    });
    const startingUrl = await starting.listen(0);
    try {
      const [declared, local] = await Promise.all([send(`${startingUrl}/plain`), send(`${startingUrl}/_local/ping`)]);

      expect(declared.status).toBe(503);
      expect(local.status).toBe(200);
    } finally {
      await starting.close();
    }
  });
});
