/**
 * The OpenAPI document as GET /openapi.json serves it: what its handler calls. Building it means
 * importing every route's schemas and zod-openapi (~230 ms of a cold start here), so a synth writes
 * it beside that function's bundle (infra/stacks/service-stack.ts) and the function reads the file.
 * Locally, where no bundle is, it is built on first use, from the same code.
 */
import { readFile } from 'node:fs/promises';
import { onFirstUse } from '../runtime/on-first-use';
import type { openApiDocument } from './openapi';

type OpenApiDocument = ReturnType<typeof openApiDocument>;

/** Its name beside the bundle's index.mjs. */
export const OPEN_API_FILE = 'openapi.json';

export const servedOpenApiDocument = onFirstUse(async (): Promise<OpenApiDocument> => {
  try {
    return JSON.parse(await readFile(new URL(`./${OPEN_API_FILE}`, import.meta.url), 'utf8')) as OpenApiDocument;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return (await import('./openapi')).openApiDocument();
  }
});
