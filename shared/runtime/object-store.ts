/**
 * The object store (uploads bucket): the S3 adapter of the kernel's ObjectStore port. The same adapter runs in AWS and
 * on one machine, where S3_ENDPOINT points at the local runtime's S3-compatible endpoint
 * (infra/local/object-store/) and requests go path-style.
 *
 * Browsers upload straight to the bucket through a presigned PUT whose Content-Type and
 * Content-Length are signed: S3 refuses another type or size. What arrived is checked again
 * (HeadObject, the first bytes) before anything references it.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NotFound,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  type CompletedPart,
} from '@aws-sdk/client-s3';
import { S3ServiceException } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ObjectStore, StreamingObjectStore } from '../kernel/object-store';
import { config } from './config';
import { traceAwsCalls } from './tracing';

const endpoint = config.s3Endpoint;

const s3 = traceAwsCalls(
  new S3Client({
    region: config.region,
    ...(endpoint
      ? { endpoint, forcePathStyle: true, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    // Checksums computed "when supported" would land in presigned URLs as the checksum of an empty
    // body, and S3 would refuse every browser upload.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  }),
);

const isMissing = (error: unknown) =>
  error instanceof NotFound ||
  (error instanceof S3ServiceException && (error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404));

export const s3ObjectStore = (bucket: string, client: S3Client = s3): ObjectStore => ({
  async presignUpload(key, { contentType, contentLength, expiresInSeconds }) {
    const command = new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      ContentType: contentType,
      ContentLength: contentLength,
    });
    const url = await getSignedUrl(client, command, {
      expiresIn: expiresInSeconds,
      signableHeaders: new Set(['content-type', 'content-length']),
    });
    return {
      url,
      method: 'PUT',
      headers: { 'Content-Type': contentType, 'Content-Length': String(contentLength) },
      expiresAt: new Date(Date.now() + expiresInSeconds * 1000).toISOString(),
    };
  },

  presignDownload: (key, expiresInSeconds) =>
    getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: expiresInSeconds }),

  async head(key) {
    try {
      const result = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return { size: result.ContentLength ?? 0, contentType: result.ContentType };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  },

  async readRange(key, start, endInclusive) {
    const result = await client.send(
      new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${start}-${endInclusive}` }),
    );
    return result.Body ? result.Body.transformToByteArray() : new Uint8Array();
  },

  async copy(fromKey, toKey) {
    const source = `${bucket}/${fromKey.split('/').map(encodeURIComponent).join('/')}`;
    await client.send(new CopyObjectCommand({ Bucket: bucket, Key: toKey, CopySource: source }));
  },
});

/**
 * The uploads bucket. Only functions whose routes declare `objectStore` get UPLOADS_BUCKET, so it
 * is read when first used rather than at import: a module shared with other handlers still loads.
 * Reached through lazy-object-stores.ts's ports, which import this module on first use.
 */
export const uploadsStore = (): ObjectStore => {
  const bucket = config.uploadsBucket;
  if (!bucket) {
    throw new Error('Missing environment variable UPLOADS_BUCKET: declare objectStore on the route that needs it');
  }
  return (cached ??= s3ObjectStore(bucket));
};
let cached: ObjectStore | undefined;

// ---------------------------------------------------------------------------------------------
// The open-data bucket: files written as they are produced (shared/opendata)

/** Parts of a multipart upload: S3 wants 5 MiB at least (but the last); the local gateway takes 10 MiB at most. */
export const UPLOAD_PART_BYTES = 8 * 1024 * 1024;

/**
 * Writes objects as their bytes come: one part in memory at most (a buffer grown up to a part,
 * then reused), uploaded part after part; an object smaller than a part is one PutObject. A failure
 * aborts the upload, so no half-written object appears.
 */
export const s3StreamingStore = (
  bucket: string,
  client: S3Client = s3,
  partBytes = UPLOAD_PART_BYTES,
): StreamingObjectStore => ({
  async putStream(key, body, { contentType, cacheControl }) {
    const headers = { ContentType: contentType, ...(cacheControl ? { CacheControl: cacheControl } : {}) };
    // One buffer per upload, grown up to a part and then reused: the bytes are copied in once.
    let part = Buffer.allocUnsafe(Math.min(partBytes, 64 * 1024));
    let filled = 0;
    let uploadId: string | undefined;
    const parts: CompletedPart[] = [];
    const uploadPart = async (data: Buffer) => {
      uploadId ??= (await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ...headers })))
        .UploadId;
      const PartNumber = parts.length + 1;
      const { ETag } = await client.send(
        new UploadPartCommand({
          Bucket: bucket,
          Key: key,
          UploadId: uploadId,
          PartNumber,
          Body: data,
          ContentLength: data.length,
        }),
      );
      parts.push({ ETag, PartNumber });
    };
    try {
      for await (const chunk of body) {
        for (let offset = 0; offset < chunk.byteLength;) {
          if (filled === part.length && part.length < partBytes) {
            const larger = Buffer.allocUnsafe(Math.min(partBytes, part.length * 4));
            part.copy(larger, 0, 0, filled);
            part = larger;
          }
          const n = Math.min(part.length - filled, chunk.byteLength - offset);
          part.set(chunk.subarray(offset, offset + n), filled);
          filled += n;
          offset += n;
          if (filled === partBytes) {
            await uploadPart(part);
            filled = 0;
          }
        }
      }
      if (uploadId === undefined) {
        await client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: part.subarray(0, filled),
            ContentLength: filled,
            ...headers,
          }),
        );
        return;
      }
      if (filled > 0) await uploadPart(part.subarray(0, filled));
      await client.send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
    } catch (error) {
      if (uploadId !== undefined) {
        await client
          .send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }))
          .catch(() => undefined);
      }
      throw error;
    }
  },

  async copy(fromKey, toKey, { contentType, cacheControl }) {
    const source = `${bucket}/${fromKey.split('/').map(encodeURIComponent).join('/')}`;
    await client.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: toKey,
        CopySource: source,
        MetadataDirective: 'REPLACE',
        ContentType: contentType,
        ...(cacheControl ? { CacheControl: cacheControl } : {}),
      }),
    );
  },
});

/**
 * The open-data bucket. Only functions declared `openData: 'publish'` get OPEN_DATA_BUCKET, so it
 * is read when first used rather than at import.
 */
export const openDataStore = (): StreamingObjectStore => {
  const bucket = config.openData.bucket;
  if (!bucket) {
    throw new Error("Missing environment variable OPEN_DATA_BUCKET: declare openData: 'publish' on the entry point");
  }
  return (openDataCached ??= s3StreamingStore(bucket));
};
let openDataCached: StreamingObjectStore | undefined;
