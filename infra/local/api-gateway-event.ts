/**
 * The API Gateway HTTP API payload format 2.0, both ways: an HTTP request becomes the event a
 * Lambda handler receives in AWS, and the handler's result becomes the HTTP response API Gateway
 * would send. https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { randomBytes } from 'node:crypto';

export interface RawHttpRequest {
  readonly method: string;
  /** The path as sent, still percent-encoded. */
  readonly rawPath: string;
  /** What follows `?`, as sent. */
  readonly rawQueryString: string;
  /** Node's rawHeaders: name, value, name, value… in the order received. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly sourceIp: string;
  /** e.g. HTTP/1.1 */
  readonly protocol: string;
}

export interface MatchedRoute {
  /** `GET /territories/{siren}` */
  readonly routeKey: string;
  /** Already decoded. */
  readonly pathParameters: Readonly<Record<string, string>>;
}

export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly cookies: readonly string[];
  readonly body: Buffer;
}

/** Bodies API Gateway passes as text; anything else (images, forms, no content type) arrives base64-encoded. */
const isTextContentType = (contentType: string | undefined): boolean => {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    type.startsWith('text/') ||
    /^application\/([\w.-]+\+)?(json|xml)$/.test(type) ||
    type === 'application/javascript' ||
    type === 'application/graphql'
  );
};

/** Lower-cased names; repeated headers joined by commas. Cookies travel apart, in `cookies`. */
const collectHeaders = (rawHeaders: readonly string[]): { headers: Record<string, string>; cookies: string[] } => {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    const value = rawHeaders[i + 1]!;
    if (name === 'cookie')
      cookies.push(
        ...value
          .split(';')
          .map((c) => c.trim())
          .filter(Boolean),
      );
    else headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  return { headers, cookies };
};

const collectQuery = (rawQueryString: string): Record<string, string> | undefined => {
  if (rawQueryString === '') return undefined;
  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    query[name] = name in query ? `${query[name]},${value}` : value;
  }
  return query;
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** API Gateway's requestContext.time: `12/Mar/2020:19:03:58 +0000`. */
const formatRequestTime = (d: Date): string =>
  `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;

export const buildApiGatewayEvent = (
  request: RawHttpRequest,
  route: MatchedRoute,
  now = new Date(),
): APIGatewayProxyEventV2 => {
  const { headers, cookies } = collectHeaders(request.rawHeaders);
  const queryStringParameters = collectQuery(request.rawQueryString);
  const hasBody = request.body.length > 0;
  const asText = isTextContentType(headers['content-type']);
  const domainName = headers.host ?? 'localhost';
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: request.rawPath,
    rawQueryString: request.rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    ...(Object.keys(route.pathParameters).length > 0 ? { pathParameters: { ...route.pathParameters } } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName,
      domainPrefix: domainName.split('.')[0]!.split(':')[0]!,
      http: {
        method: request.method,
        path: request.rawPath,
        protocol: request.protocol,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomBytes(12).toString('base64'),
      routeKey: route.routeKey,
      stage: '$default',
      time: formatRequestTime(now),
      timeEpoch: now.getTime(),
    },
    ...(hasBody ? { body: request.body.toString(asText ? 'utf8' : 'base64') } : {}),
    isBase64Encoded: hasBody && !asText,
  };
};

export const apiGatewayError = (statusCode: number, message: string): HttpResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  cookies: [],
  body: Buffer.from(JSON.stringify({ message })),
});

const isStructuredResult = (result: unknown): result is Record<string, unknown> =>
  typeof result === 'object' && result !== null && 'statusCode' in result;

/**
 * A result with `statusCode` is used as given. Anything else is, as API Gateway does it, a
 * 200 whose JSON body is the result (a string is sent as it is).
 */
export const toHttpResponse = (returned: unknown): HttpResponse => {
  // Lambda hands the result to API Gateway as JSON: undefined values (a header set to undefined) vanish.
  const result: unknown = returned === undefined ? undefined : JSON.parse(JSON.stringify(returned));
  if (!isStructuredResult(result)) {
    const body = typeof result === 'string' ? result : (JSON.stringify(result) ?? '');
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, cookies: [], body: Buffer.from(body) };
  }
  const { statusCode, headers = {}, cookies = [], body = '', isBase64Encoded = false } = result;
  if (
    !Number.isInteger(statusCode) ||
    typeof body !== 'string' ||
    !Array.isArray(cookies) ||
    typeof headers !== 'object'
  ) {
    throw new Error(`The handler returned a malformed response: ${JSON.stringify(result).slice(0, 200)}`);
  }
  return {
    statusCode: statusCode as number,
    headers: Object.fromEntries(
      Object.entries(headers as object).map(([name, value]) => [name.toLowerCase(), String(value)]),
    ),
    cookies: cookies.map(String),
    body: Buffer.from(body, isBase64Encoded ? 'base64' : 'utf8'),
  };
};
