/**
 * Just enough of the S3 REST API, path-style under /_local/s3/<bucket>/<key>, for the production
 * adapter (shared/runtime/object-store.ts) and a browser's presigned upload to run unchanged on
 * one machine: PUT (an upload, or a copy with x-amz-copy-source), HEAD, GET (with Range), and the
 * multipart upload the open-data exporter streams large files with (POST ?uploads, PUT
 * ?partNumber&uploadId, POST ?uploadId to complete, DELETE ?uploadId to abort; parts are files,
 * joined on disk). `publicRoutes` serves a bucket's objects read-only at their key's path, as
 * CloudFront serves the open-data bucket in AWS.
 * Objects are files under <dataDir>/object-store/<bucket>/, each with a JSON sidecar holding its
 * content type, so a restart loses nothing.
 *
 * Presigned requests are checked as S3 checks them: not expired, and a SigV4 signature (with the
 * local credentials) over the method, path, query and signed headers, so an upload with another
 * Content-Type or Content-Length than the signed ones is refused (403 SignatureDoesNotMatch).
 * Header-signed requests (the SDK's own calls) are trusted: only this machine reaches them.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
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
  /**
   * GET and HEAD of a bucket's objects at `/<prefix>/{key+}` (the key starting with the prefix), with
   * their content type, size, ETag and cache headers and open CORS: how CloudFront serves the
   * open-data bucket in AWS.
   */
  publicRoutes(bucket: string, prefix: string): LocalRoute[];
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
  readonly cacheControl?: string;
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
  /** Writes a file durably: to a temporary name, synced, then renamed. */
  const writeAtomically = async (path: string, content: Buffer): Promise<void> => {
    const tmp = join(dirname(path), `.${randomUUID()}.tmp`);
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  };
  const write = async (file: string, data: Buffer, contentType: string, cacheControl?: string): Promise<Metadata> => {
    await mkdir(dirname(file), { recursive: true });
    const metadata: Metadata = {
      contentType,
      ...(cacheControl ? { cacheControl } : {}),
      size: data.length,
      etag: `"${createHash('md5').update(data).digest('hex')}"`,
      lastModified: new Date().toUTCString(),
    };
    // Data first, then its sidecar: an object exists once its sidecar does.
    await writeAtomically(file, data);
    await writeAtomically(`${file}.__meta.json`, Buffer.from(JSON.stringify(metadata)));
    return metadata;
  };
  const objectHeaders = (m: Metadata) => ({
    'content-type': m.contentType,
    etag: m.etag,
    'last-modified': m.lastModified,
    'accept-ranges': 'bytes',
    ...(m.cacheControl ? { 'cache-control': m.cacheControl } : {}),
  });

  // Multipart uploads: <root>/.multipart/<uploadId>/ holds upload.json (bucket, key, headers) and
  // one file per part, named by its number.
  const uploadsRoot = join(root, '.multipart');
  const uploadDir = (uploadId: string) => {
    if (!/^[0-9a-f-]{36}$/.test(uploadId))
      throw new S3Error(404, 'NoSuchUpload', 'The specified upload does not exist.');
    return join(uploadsRoot, uploadId);
  };
  const xml = (statusCode: number, body: string): HttpResponse => ({
    statusCode,
    headers: { 'content-type': 'application/xml' },
    cookies: [],
    body: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`),
  });
  const createUpload = async (request: LocalRequest, bucket: string, key: string): Promise<HttpResponse> => {
    fileOf(bucket, key);
    const uploadId = randomUUID();
    await mkdir(uploadDir(uploadId), { recursive: true });
    await writeFile(
      join(uploadDir(uploadId), 'upload.json'),
      JSON.stringify({
        bucket,
        key,
        contentType: header(request, 'content-type') ?? 'application/octet-stream',
        cacheControl: header(request, 'cache-control'),
      }),
    );
    return xml(
      200,
      `<InitiateMultipartUploadResult><Bucket>${xmlEscape(bucket)}</Bucket><Key>${xmlEscape(key)}</Key><UploadId>${uploadId}</UploadId></InitiateMultipartUploadResult>`,
    );
  };
  const uploadOf = async (uploadId: string) => {
    const file = join(uploadDir(uploadId), 'upload.json');
    if (!existsSync(file)) throw new S3Error(404, 'NoSuchUpload', 'The specified upload does not exist.');
    return JSON.parse(await readFile(file, 'utf8')) as {
      bucket: string;
      key: string;
      contentType: string;
      cacheControl?: string;
    };
  };
  const putPart = async (request: LocalRequest): Promise<HttpResponse> => {
    const uploadId = request.query.get('uploadId') ?? '';
    const partNumber = Number(request.query.get('partNumber'));
    await uploadOf(uploadId);
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10_000) {
      throw new S3Error(400, 'InvalidArgument', 'Part number must be an integer between 1 and 10000');
    }
    await writeAtomically(join(uploadDir(uploadId), String(partNumber)), request.body);
    const etag = `"${createHash('md5').update(request.body).digest('hex')}"`;
    return { statusCode: 200, headers: { etag }, cookies: [], body: Buffer.alloc(0) };
  };
  /** Joins the parts named by the request, in order, into the object (streamed: a large object never sits in memory). */
  const completeUpload = async (request: LocalRequest, bucket: string, key: string): Promise<HttpResponse> => {
    const uploadId = request.query.get('uploadId') ?? '';
    const upload = await uploadOf(uploadId);
    if (upload.bucket !== bucket || upload.key !== key) {
      throw new S3Error(404, 'NoSuchUpload', 'The upload is for another key.');
    }
    const numbers = [...request.body.toString('utf8').matchAll(/<PartNumber>(\d+)<\/PartNumber>/g)].map((m) =>
      Number(m[1]),
    );
    const present = new Set(await readdir(uploadDir(uploadId)));
    if (numbers.length === 0 || numbers.some((n) => !present.has(String(n)))) {
      throw new S3Error(400, 'InvalidPart', 'One or more of the specified parts could not be found.');
    }
    const file = fileOf(bucket, key);
    await mkdir(dirname(file), { recursive: true });
    const tmp = join(dirname(file), `.${randomUUID()}.tmp`);
    const handle = await open(tmp, 'w');
    const partHashes: Buffer[] = [];
    let size = 0;
    try {
      for (const n of numbers) {
        const hash = createHash('md5');
        await pipeline(createReadStream(join(uploadDir(uploadId), String(n))), async function* (chunks) {
          for await (const chunk of chunks as AsyncIterable<Buffer>) {
            hash.update(chunk);
            size += chunk.length;
            await handle.write(chunk);
          }
        });
        partHashes.push(hash.digest());
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
    // S3's ETag of a multipart object: the MD5 of the parts' MD5s, and their count.
    const etag = `"${createHash('md5').update(Buffer.concat(partHashes)).digest('hex')}-${numbers.length}"`;
    const metadata: Metadata = {
      contentType: upload.contentType,
      ...(upload.cacheControl ? { cacheControl: upload.cacheControl } : {}),
      size,
      etag,
      lastModified: new Date().toUTCString(),
    };
    await writeAtomically(`${file}.__meta.json`, Buffer.from(JSON.stringify(metadata)));
    await rm(uploadDir(uploadId), { recursive: true, force: true });
    return xml(
      200,
      `<CompleteMultipartUploadResult><Bucket>${xmlEscape(bucket)}</Bucket><Key>${xmlEscape(key)}</Key><ETag>${xmlEscape(etag)}</ETag></CompleteMultipartUploadResult>`,
    );
  };

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
      if (request.query.has('uploadId')) return putPart(request);
      const copySource = header(request, 'x-amz-copy-source');
      if (copySource) {
        const [sourceBucket = '', ...rest] = decodeURIComponent(copySource.replace(/^\//, '')).split('/');
        const sourceFile = fileOf(sourceBucket, rest.join('/'));
        const source = await metadataOf(sourceFile);
        // x-amz-metadata-directive: REPLACE takes the request's headers; COPY (the default) the source's.
        const replace = header(request, 'x-amz-metadata-directive') === 'REPLACE';
        const metadata = await write(
          file,
          await readFile(sourceFile),
          replace ? (header(request, 'content-type') ?? source.contentType) : source.contentType,
          replace ? header(request, 'cache-control') : source.cacheControl,
        );
        const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<CopyObjectResult><LastModified>${new Date().toISOString()}</LastModified><ETag>${xmlEscape(metadata.etag)}</ETag></CopyObjectResult>`;
        return { statusCode: 200, headers: { 'content-type': 'application/xml' }, cookies: [], body: Buffer.from(xml) };
      }
      const metadata = await write(
        file,
        request.body,
        header(request, 'content-type') ?? 'application/octet-stream',
        header(request, 'cache-control'),
      );
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

  const post: LocalRoute = {
    method: 'POST',
    path: PATH,
    handle: serve(async (request) => {
      const { bucket = '', key = '' } = request.params;
      if (request.query.has('uploads')) return createUpload(request, bucket, key);
      if (request.query.has('uploadId')) return completeUpload(request, bucket, key);
      throw new S3Error(400, 'InvalidRequest', 'Only multipart uploads are POSTed here');
    }),
  };

  const abort: LocalRoute = {
    method: 'DELETE',
    path: PATH,
    handle: serve(async (request) => {
      const uploadId = request.query.get('uploadId');
      if (!uploadId) throw new S3Error(400, 'InvalidRequest', 'Only multipart uploads are deleted here');
      await uploadOf(uploadId);
      await rm(uploadDir(uploadId), { recursive: true, force: true });
      return { statusCode: 204, headers: {}, cookies: [], body: Buffer.alloc(0) };
    }),
  };

  const publicRoutes = (bucket: string, prefix: string): LocalRoute[] => {
    const read =
      (withBody: boolean) =>
      async (request: LocalRequest): Promise<HttpResponse> => {
        try {
          const key = `${prefix}/${request.params.key ?? ''}`;
          const file = fileOf(bucket, key);
          const metadata = await metadataOf(file);
          return {
            statusCode: 200,
            headers: {
              ...objectHeaders(metadata),
              'content-length': String(metadata.size),
              'access-control-allow-origin': '*',
            },
            cookies: [],
            body: withBody ? await readFile(file) : Buffer.alloc(0),
          };
        } catch (error) {
          if (!(error instanceof S3Error)) throw error;
          // CloudFront answers a missing object of a private bucket with S3's 403; 404 says it better here.
          return s3Error(error.status === 400 ? new S3Error(404, 'NoSuchKey', 'Not found') : error, !withBody);
        }
      };
    return [
      { method: 'GET', path: `/${prefix}/{key+}`, handle: read(true) },
      { method: 'HEAD', path: `/${prefix}/{key+}`, handle: read(false) },
    ];
  };

  return { endpoint: `${options.baseUrl}/_local/s3`, routes: [put, head, get, post, abort], publicRoutes };
};
