/**
 * The portal's static files on one machine, as CloudFront serves them from S3 in AWS: built at
 * start (scripts/build-assets.ts), served under /assets/ with a year-long, immutable cache (every
 * name carries a hash of its content).
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { buildAssets, LOCAL_ASSETS_DIR, type BuiltAssets } from '../../scripts/build-assets';
import type { HttpResponse } from './api-gateway-event';
import type { LocalRoute } from './local-http';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
};

/** The cache lifetime of a content-hashed file; CloudFront's cache policy says the same. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

const notFound = (): HttpResponse => ({
  statusCode: 404,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  cookies: [],
  body: Buffer.from('Not found'),
});

export interface LocalAssets extends BuiltAssets {
  readonly route: LocalRoute;
}

export const openLocalAssets = async (dir: string = LOCAL_ASSETS_DIR): Promise<LocalAssets> => {
  const built = await buildAssets(dir);
  const root = resolve(built.dir);
  const route: LocalRoute = {
    method: 'GET',
    path: '/assets/{file+}',
    async handle({ params }) {
      const file = resolve(root, params.file ?? '');
      const type = CONTENT_TYPES[extname(file)];
      if (!file.startsWith(root + sep) || !type || file.endsWith('manifest.json')) return notFound();
      const body = await readFile(file).catch(() => undefined);
      if (!body) return notFound();
      return {
        statusCode: 200,
        headers: {
          'content-type': type,
          'cache-control': IMMUTABLE,
          'x-content-type-options': 'nosniff',
          'cross-origin-resource-policy': 'same-origin',
        },
        cookies: [],
        body,
      };
    },
  };
  return { ...built, route };
};
