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

