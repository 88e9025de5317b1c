/**
 * The API reference page: Swagger UI served from our own origin (swagger-ui-dist, no CDN), reading
 * /openapi.json. In Lambda the three files are copied beside the bundle (API_REFERENCE_ASSETS_DIR).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { NotFoundError } from '../kernel/errors';
import { config } from '../runtime/config';

const ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
};

const assetsDir = (): string =>
  config.apiReferenceAssetsDir ?? dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** The page loads its scripts and styles from our origin only. */
export const API_REFERENCE_CSP = {
  'default-src': "'self'",
  'img-src': "'self' data:",
  'style-src': "'self' 'unsafe-inline'",
  // Swagger UI runs scripts and builds its DOM without Trusted Types; the page must not be sandboxed.
  sandbox: false,
  'require-trusted-types-for': false,
  'trusted-types': false,
  'report-to': false,
  // The local runtime serves plain http://localhost.
  'upgrade-insecure-requests': false,
} as const;

const cache = { headers: { 'Cache-Control': 'public, max-age=86400' } };

// Relative URLs, so the page works under any stage or prefix.
const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Ville Ouverte — API reference</title>
  <link rel="stylesheet" href="api-reference/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="api-reference/swagger-ui-bundle.js"></script>
  <script src="api-reference/swagger-ui-standalone-preset.js"></script>
  <script src="api-reference/init.js"></script>
</body>
</html>
`;

const INIT = `window.ui = SwaggerUIBundle({
  url: new URL('openapi.json', document.baseURI).href,
  dom_id: '#swagger-ui',
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
  validatorUrl: null,
});
`;

export const apiReferencePage = async () => ({
  status: 200 as const,
  text: PAGE,
  contentType: 'text/html; charset=utf-8',
});

export const apiReferenceAsset = async (asset: string) => {
  if (asset === 'init.js') {
    return { status: 200 as const, text: INIT, contentType: 'text/javascript; charset=utf-8', ...cache };
  }
  const contentType = ASSETS[asset];
  if (!contentType) throw new NotFoundError(`No asset ${asset}`);
  return { status: 200 as const, text: readFileSync(join(assetsDir(), asset), 'utf8'), contentType, ...cache };
};
