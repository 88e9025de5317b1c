/**
 * The API's answer to a browser's CORS preflight, declared once: API Gateway's corsPreflight in
 * CDK and the local gateway both use it. (Actual responses get their CORS headers from the HTTP
 * stack, shared/runtime/http.ts.)
 */
export const corsPreflight = {
  allowOrigins: ['*'],
  allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
  allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'X-Api-Key', 'X-Correlation-Id'],
  exposeHeaders: ['X-Correlation-Id', 'Location', 'ETag'],
  maxAgeSeconds: 600,
} as const;
