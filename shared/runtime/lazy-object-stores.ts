/**
 * The buckets as ports, what the use cases are given: the S3 adapter (object-store.ts, the S3 client
 * with it) is imported on first use. Most functions of the contexts that store photos never touch
 * one (a list, a page, a vote), nor do the open-data catalogue's, which only the exporter writes.
 */
import type { ObjectStore, StreamingObjectStore } from '../kernel/object-store';
import { onFirstUse } from './on-first-use';

const adapter = onFirstUse(() => import('./object-store'));
const uploads = async () => (await adapter()).uploadsStore();
const openData = async () => (await adapter()).openDataStore();

export const lazyUploadsStore: ObjectStore = {
  presignUpload: async (...args) => (await uploads()).presignUpload(...args),
  presignDownload: async (...args) => (await uploads()).presignDownload(...args),
  head: async (...args) => (await uploads()).head(...args),
  readRange: async (...args) => (await uploads()).readRange(...args),
  copy: async (...args) => (await uploads()).copy(...args),
};

export const lazyOpenDataStore: StreamingObjectStore = {
  putStream: async (...args) => (await openData()).putStream(...args),
  copy: async (...args) => (await openData()).copy(...args),
};
