/**
 * The API's answer to a browser's CORS preflight, declared once: API Gateway's corsPreflight in
 * CDK and the local gateway both use it. (Actual responses get their CORS headers from the HTTP
 * stack, shared/runtime/http.ts.)
 */
export const corsPreflight = {
  allowOrigins: ['*'],
  allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
  allowHeaders: [
    'Authorization',
    'Content-Type',
    'Idempotency-Key',
    'If-Match',
    'X-Api-Key',
    'X-Correlation-Id',
    // NGSI-LD clients in a browser (ngsijs) send these.
    'Link',
    'NGSILD-Tenant',
  ],
  /** What a browser's script may read from an answer: NGSI-LD clients need Link (the @context) and the count. */
  exposeHeaders: [
    'X-Correlation-Id',
    'Location',
    'ETag',
    'Idempotent-Replayed',
    'Link',
    'NGSILD-Results-Count',
    'NGSILD-Tenant',
    'Content-Range',
    'Retry-After',
    'WWW-Authenticate',
  ],
  maxAgeSeconds: 600,
} as const;
