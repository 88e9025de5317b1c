/**
 * The pages' Content-Security-Policy, in one place: the page HTTP stack sends it on every page
 * (page-http.ts) and CloudFront's response headers policy carries the same as a default for what
 * sets none (infra/constructs/portal-front-end.ts). This origin only, no inline script or style,
 * forms post here only, no framing, and Trusted Types: no script of ours writes HTML from a string
 * (web/scripts/trusted-types.ts lets through the two fixed probes Leaflet runs at load).
 */

/** Directives, merged over middy's defaults (which forbid everything); `false` drops one of middy's. */
export const pageCsp = ({ tileOrigin, uploadsOrigin }: { tileOrigin?: string; uploadsOrigin?: string } = {}) =>
  ({
    'default-src': "'none'",
    'script-src': "'self'",
    'style-src': "'self'",
    // Base map tiles when configured; report photos are shown from presigned URLs of the uploads bucket.
    'img-src': ["'self' data:", tileOrigin, uploadsOrigin].filter(Boolean).join(' '),
    // Photos go straight to the uploads bucket with a presigned URL (functions that declare objectStore).
    'connect-src': `'self'${uploadsOrigin ? ` ${uploadsOrigin}` : ''}`,
    'font-src': "'self'",
    'manifest-src': "'self'",
    'form-action': "'self'",
    'base-uri': "'none'",
    'frame-ancestors': "'none'",
    'require-trusted-types-for': "'script'",
    'trusted-types': 'default',
    // Forms and scripts must run: no sandbox. No reporting endpoint exists.
    sandbox: false,
    'report-to': false,
    'navigate-to': false,
    // HSTS (CloudFront's response headers policy) keeps AWS on https; the local runtime is plain http.
    'upgrade-insecure-requests': false,
  }) as const;

/** The policy as a header value. */
export const cspHeaderValue = (directives: Readonly<Record<string, string | false>>): string =>
  Object.entries(directives)
    .filter((entry): entry is [string, string] => entry[1] !== false)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
