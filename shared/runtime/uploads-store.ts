/**
 * The uploads bucket as a port, what the use cases are given: the S3 adapter (object-store.ts, the
 * S3 client with it) is imported on first use. Most functions of the contexts that store photos
 * never touch one (a list, a page, a vote).
 */
import type { ObjectStore } from '../kernel/object-store';
import { onFirstUse } from './on-first-use';

const adapter = onFirstUse(() => import('./object-store'));
const uploads = async () => (await adapter()).uploadsStore();

export const lazyUploadsStore: ObjectStore = {
  presignUpload: async (...args) => (await uploads()).presignUpload(...args),
  presignDownload: async (...args) => (await uploads()).presignDownload(...args),
  head: async (...args) => (await uploads()).head(...args),
  readRange: async (...args) => (await uploads()).readRange(...args),
  copy: async (...args) => (await uploads()).copy(...args),
};
