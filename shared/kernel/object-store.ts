/**
 * Port: what use cases need from an object store (the uploads bucket). Keys are paths inside the
 * one bucket. shared/runtime/object-store.ts implements it with S3.
 */
export interface PresignedUpload {
  readonly url: string;
  readonly method: 'PUT';
  /** Headers the upload must carry exactly as given (they are signed). */
  readonly headers: Readonly<Record<string, string>>;
  readonly expiresAt: string;
}

export interface StoredObject {
  readonly size: number;
  readonly contentType?: string;
}

/** Port: what use cases need from an object store. Keys are paths inside the one bucket. */
export interface ObjectStore {
  presignUpload(
    key: string,
    upload: { readonly contentType: string; readonly contentLength: number; readonly expiresInSeconds: number },
  ): Promise<PresignedUpload>;
  presignDownload(key: string, expiresInSeconds: number): Promise<string>;
  /** Undefined when there is no such object. */
  head(key: string): Promise<StoredObject | undefined>;
  /** Bytes start..endInclusive (fewer when the object is shorter). */
  readRange(key: string, start: number, endInclusive: number): Promise<Uint8Array>;
  copy(fromKey: string, toKey: string): Promise<void>;
}

/**
 * Port: an object store written as the bytes come (the open-data bucket): a large object goes up in
 * parts, so it never sits whole in memory. shared/runtime/object-store.ts implements it with S3.
 */
export interface StreamingObjectStore {
  /** Stores `body` under `key`; resolves once the object is complete (nothing is left half written). */
  putStream(key: string, body: AsyncIterable<Uint8Array>, headers: ObjectHeaders): Promise<void>;
  /** A server-side copy, with the headers given (not the source's). */
  copy(fromKey: string, toKey: string, headers: ObjectHeaders): Promise<void>;
}

export interface ObjectHeaders {
  readonly contentType: string;
  readonly cacheControl?: string;
}
