/**
 * Just enough of the S3 REST API, path-style under /_local/s3/<bucket>/<key>, for the production
 * adapter (shared/runtime/object-store.ts) and a browser's presigned upload to run unchanged on
 * one machine: PUT (an upload, or a copy with x-amz-copy-source), HEAD, GET (with Range).
 * Objects are files under <dataDir>/object-store/<bucket>/, each with a JSON sidecar holding its
 * content type, so a restart loses nothing.
 *
 * Presigned requests are checked as S3 checks them: not expired, and a SigV4 signature (with the
 * local credentials) over the method, path, query and signed headers, so an upload with another
 * Content-Type or Content-Length than the signed ones is refused (403 SignatureDoesNotMatch).
 * Header-signed requests (the SDK's own calls) are trusted: only this machine reaches them.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { HttpResponse } from '../api-gateway-event';
import type { LocalRequest, LocalRoute } from '../local-http';

/** The secret the adapter signs with when S3_ENDPOINT is set (shared/runtime/object-store.ts). */
const LOCAL_SECRET = 'local';
const PATH = '/_local/s3/{bucket}/{key+}';

export interface LocalObjectStore {
  /** What S3_ENDPOINT is set to. */
  readonly endpoint: string;
  readonly routes: readonly LocalRoute[];
}

class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const xmlEscape = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

const s3Error = (error: S3Error, head: boolean): HttpResponse => ({
  statusCode: error.status,
  headers: { 'content-type': 'application/xml', 'x-amz-request-id': randomUUID() },
  cookies: [],
  // A HEAD answer has no body: the SDK reads the status alone.
  body: head
    ? Buffer.alloc(0)
    : Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${error.code}</Code><Message>${xmlEscape(error.message)}</Message></Error>`,
      ),
});

const header = (request: LocalRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

/** RFC 3986 encoding, as SigV4 wants it. */
const encode = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

/** Checks a presigned URL's expiry and SigV4 signature; throws the error S3 would answer. */
const checkPresigned = (request: LocalRequest): void => {
  const q = request.query;
  const amzDate = q.get('X-Amz-Date') ?? '';
  const expires = Number(q.get('X-Amz-Expires'));
  const credential = q.get('X-Amz-Credential') ?? '';
  const signedHeaders = q.get('X-Amz-SignedHeaders') ?? '';
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!match || !Number.isFinite(expires)) throw new S3Error(403, 'AccessDenied', 'Malformed presigned request');
  const signedAt = Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!, +match[4]!, +match[5]!, +match[6]!);
  if (Date.now() > signedAt + expires * 1000) throw new S3Error(403, 'AccessDenied', 'Request has expired');

  const canonicalQuery = [...q.entries()]
    .filter(([name]) => name !== 'X-Amz-Signature')
    .map(([name, value]) => [encode(name), encode(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const canonicalHeaders = signedHeaders
    .split(';')
    .map((name) => `${name}:${(header(request, name) ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const canonicalRequest = [
    request.method,
    request.path,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    'UNSIGNED-PAYLOAD',
  ].join('\n');
  const scope = credential.split('/').slice(1).join('/');
  const [date = '', region = '', service = ''] = scope.split('/');
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${LOCAL_SECRET}`, date), region), service), 'aws4_request');
  const expected = createHmac('sha256', key).update(stringToSign).digest('hex');
  if (expected !== q.get('X-Amz-Signature')) {
    throw new S3Error(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided (are Content-Type and Content-Length the signed ones?)',
    );
  }
};

interface Metadata {
  readonly contentType: string;
  readonly size: number;
  readonly etag: string;
  readonly lastModified: string;
}

export const createLocalObjectStore = (options: { dataDir: string; baseUrl: string }): LocalObjectStore => {
  const root = resolve(options.dataDir, 'object-store');

  /** The file of an object; a key that would climb out of the bucket is refused. */
  const fileOf = (bucket: string, key: string): string => {
    if (!/^[a-z0-9][a-z0-9.-]{1,62}$/.test(bucket)) throw new S3Error(400, 'InvalidBucketName', 'Bad bucket name');
    const file = resolve(root, bucket, key);
    if (!file.startsWith(resolve(root, bucket) + sep) || key.split('/').some((s) => s === '..' || s === '')) {
      throw new S3Error(400, 'InvalidArgument', 'Bad object key');
    }
    return file;
  };
  const metadataOf = async (file: string): Promise<Metadata> => {
    if (!existsSync(`${file}.__meta.json`)) throw new S3Error(404, 'NoSuchKey', 'The specified key does not exist.');
    return JSON.parse(await readFile(`${file}.__meta.json`, 'utf8')) as Metadata;
  };
  const write = async (file: string, data: Buffer, contentType: string): Promise<Metadata> => {
    await mkdir(dirname(file), { recursive: true });
    const metadata: Metadata = {
      contentType,
      size: data.length,
      etag: `"${createHash('md5').update(data).digest('hex')}"`,
      lastModified: new Date().toUTCString(),
    };
    // Data first, then its sidecar: an object exists once its sidecar does.
    for (const [path, content] of [
      [file, data],
      [`${file}.__meta.json`, Buffer.from(JSON.stringify(metadata))],
    ] as const) {
      const tmp = join(dirname(path), `.${randomUUID()}.tmp`);
      const handle = await open(tmp, 'w');
      try {
        await handle.writeFile(content);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, path);
    }
    return metadata;
  };
  const objectHeaders = (m: Metadata) => ({
    'content-type': m.contentType,
    etag: m.etag,
    'last-modified': m.lastModified,
    'accept-ranges': 'bytes',
  });

  const serve =
    (handle: (request: LocalRequest) => Promise<HttpResponse>): LocalRoute['handle'] =>
    (request) =>
      handle(request).catch((error: unknown) => {
        if (error instanceof S3Error) return s3Error(error, request.method === 'HEAD');
        throw error;
      });

  const put: LocalRoute = {
    method: 'PUT',
    path: PATH,
    handle: serve(async (request): Promise<HttpResponse> => {
      const { bucket = '', key = '' } = request.params;
      const file = fileOf(bucket, key);
      if (request.query.has('X-Amz-Signature')) checkPresigned(request);
      const copySource = header(request, 'x-amz-copy-source');
      if (copySource) {
        const [sourceBucket = '', ...rest] = decodeURIComponent(copySource.replace(/^\//, '')).split('/');
        const sourceFile = fileOf(sourceBucket, rest.join('/'));
        const source = await metadataOf(sourceFile);
        const metadata = await write(file, await readFile(sourceFile), source.contentType);
        const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<CopyObjectResult><LastModified>${new Date().toISOString()}</LastModified><ETag>${xmlEscape(metadata.etag)}</ETag></CopyObjectResult>`;
        return { statusCode: 200, headers: { 'content-type': 'application/xml' }, cookies: [], body: Buffer.from(xml) };
      }
      const metadata = await write(file, request.body, header(request, 'content-type') ?? 'application/octet-stream');
      return { statusCode: 200, headers: { etag: metadata.etag }, cookies: [], body: Buffer.alloc(0) };
    }),
  };

  const head: LocalRoute = {
    method: 'HEAD',
    path: PATH,
    handle: serve(async (request) => {
      const metadata = await metadataOf(fileOf(request.params.bucket ?? '', request.params.key ?? ''));
      return {
        statusCode: 200,
        headers: { ...objectHeaders(metadata), 'content-length': String(metadata.size) },
        cookies: [],
        body: Buffer.alloc(0),
      };
    }),
  };

  const get: LocalRoute = {
    method: 'GET',
    path: PATH,
    handle: serve(async (request) => {
      const file = fileOf(request.params.bucket ?? '', request.params.key ?? '');
      if (request.query.has('X-Amz-Signature')) checkPresigned(request);
      const metadata = await metadataOf(file);
      const data = await readFile(file);
      const range = /^bytes=(\d+)-(\d*)$/.exec(header(request, 'range') ?? '');
      if (!range) return { statusCode: 200, headers: objectHeaders(metadata), cookies: [], body: data };
      const start = Number(range[1]);
      const end = Math.min(range[2] ? Number(range[2]) : data.length - 1, data.length - 1);
      if (start >= data.length) throw new S3Error(416, 'InvalidRange', 'The requested range is not satisfiable');
      return {
        statusCode: 206,
        headers: { ...objectHeaders(metadata), 'content-range': `bytes ${start}-${end}/${data.length}` },
        cookies: [],
        body: data.subarray(start, end + 1),
      };
    }),
  };

  return { endpoint: `${options.baseUrl}/_local/s3`, routes: [put, head, get] };
};
