/**
 * The open-data bucket's adapter (shared/runtime/object-store.ts s3StreamingStore) against the
 * local S3-compatible object store, through the local gateway: a file larger than a part goes up
 * in a multipart upload (small parts here, to keep the test quick), a small one in one PutObject,
 * a failed stream leaves no object and no upload behind, a copy takes the headers it is given, and
 * the files are served read-only at their key's path, as CloudFront serves them in AWS.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../infra/local/free-port';
import { createGateway, type Gateway } from '../../infra/local/gateway';
import { createHandlerLoader } from '../../infra/local/handler-loader';
import { createLocalObjectStore } from '../../infra/local/object-store/s3-endpoint';
import type { StreamingObjectStore } from '../../shared/kernel/object-store';

let gateway: Gateway;
let url: string;
let dataDir: string;
let store: StreamingObjectStore;

const BUCKET = 'open-data';
const PART = 64 * 1024;

async function* chunksOf(bytes: Buffer, size = 10_000): AsyncIterable<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const bytesOf = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7919) % 251));

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'opendata-object-store-'));
  const port = await freePort();
  const objects = createLocalObjectStore({ dataDir, baseUrl: `http://127.0.0.1:${port}` });
  gateway = createGateway({
    routes: [],
    loadHandler: createHandlerLoader(),
    localRoutes: [...objects.routes, ...objects.publicRoutes(BUCKET, 'open-data')],
  });
  url = await gateway.listen(port);
  const { s3StreamingStore } = await import('../../shared/runtime/object-store');
  const client = new S3Client({
    region: 'eu-west-3',
    endpoint: objects.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  store = s3StreamingStore(BUCKET, client, PART);
});

afterAll(async () => {
  await gateway.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the open-data bucket, streamed', () => {
  it('uploads a file larger than a part in parts, and serves it at its path with its headers', async () => {
    const bytes = bytesOf(5 * PART + 1234);
    await store.putStream('open-data/243100518/reports/2026-11-30.csv', chunksOf(bytes), {
      contentType: 'text/csv; charset=utf-8',
      cacheControl: 'public, max-age=3600',
    });
    const response = await fetch(`${url}/open-data/243100518/reports/2026-11-30.csv`);
    expect(response.status).toBe(200);
    const served = Buffer.from(await response.arrayBuffer());
    expect(sha256(served)).toBe(sha256(bytes));
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
    // S3's multipart ETag: the parts' count after a dash.
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{32}-6"$/);
    expect(await readdir(join(dataDir, 'object-store', '.multipart'))).toEqual([]);

    const head = await fetch(`${url}/open-data/243100518/reports/2026-11-30.csv`, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe(String(bytes.length));
  });

  it('puts a file smaller than a part in one request', async () => {
    await store.putStream('open-data/243100518/communes/2026-11-30.geojson', chunksOf(Buffer.from('{"a":1}')), {
      contentType: 'application/geo+json',
    });
    const response = await fetch(`${url}/open-data/243100518/communes/2026-11-30.geojson`);
    expect(await response.text()).toBe('{"a":1}');
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
  });

  it('copies with the headers given, not the source’s', async () => {
    await store.copy('open-data/243100518/reports/2026-11-30.csv', 'open-data/243100518/reports/latest.csv', {
      contentType: 'text/csv; charset=utf-8',
      cacheControl: 'public, max-age=300',
    });
    const response = await fetch(`${url}/open-data/243100518/reports/latest.csv`);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(sha256(Buffer.from(await response.arrayBuffer()))).toBe(sha256(bytesOf(5 * PART + 1234)));
  });

  it('leaves no object and no upload behind when the stream fails midway', async () => {
    async function* failing(): AsyncIterable<Uint8Array> {
      yield* chunksOf(bytesOf(3 * PART));
      throw new Error('the query failed');
    }
    await expect(
      store.putStream('open-data/243100518/sensors/broken.geojson', failing(), { contentType: 'application/geo+json' }),
    ).rejects.toThrow('the query failed');
    expect((await fetch(`${url}/open-data/243100518/sensors/broken.geojson`)).status).toBe(404);
    expect(existsSync(join(dataDir, 'object-store', BUCKET, 'open-data/243100518/sensors/broken.geojson'))).toBe(false);
    expect(await readdir(join(dataDir, 'object-store', '.multipart'))).toEqual([]);
  });

  it('serves nothing outside the bucket’s open-data/ keys', async () => {
    expect((await fetch(`${url}/open-data/243100518/nothing-here.csv`)).status).toBe(404);
    expect((await fetch(`${url}/open-data/..%2F..%2Fetc/passwd`)).status).toBe(404);
  });
});
