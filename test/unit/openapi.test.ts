import { Validator } from '@seriousme/openapi-schema-validator';
import { openApiDocument } from '../../shared/platform/openapi';
import { routes } from '../../shared/wiring';

const document = openApiDocument();

describe('the OpenAPI document', () => {
  test("is OpenAPI 3.1, valid against the specification's own schema, with the 2020-12 dialect", async () => {
    expect(document.openapi).toBe('3.1.0');
    const result = await new Validator().validate(JSON.parse(JSON.stringify(document)));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.jsonSchemaDialect).toBe('https://spec.openapis.org/oas/3.1/dialect/base');
  });

  test('declares the partner API key as a security scheme, used by ingestion', () => {
    const ingest = (document.paths?.['/territories/{siren}/observations'] as { post: { security?: unknown } }).post;
    expect(ingest.security).toEqual([{ apiKeyHeader: [] }, { apiKeyAuthorization: [] }]);
    expect(Object.keys(document.components?.securitySchemes ?? {})).toEqual(
      expect.arrayContaining(['bearer', 'apiKeyHeader', 'apiKeyAuthorization']),
    );
  });

  test('lists the answers a route really gives: a public filing may be refused with 422, a partner with 401', () => {
    const fileReport = (document.paths?.['/territories/{siren}/reports'] as { post: { responses: object } }).post;
    expect(Object.keys(fileReport.responses)).toEqual(expect.arrayContaining(['201', '400', '422', '500']));
    const ingest = (document.paths?.['/territories/{siren}/observations'] as { post: { responses: object } }).post;
    expect(Object.keys(ingest.responses)).toContain('401');
  });

  test('declares the request headers a route reads and the response headers it sets', () => {
    const fileReport = (
      document.paths?.['/territories/{siren}/reports'] as {
        post: { parameters?: { in: string; name: string }[]; responses: Record<string, { headers?: object }> };
      }
    ).post;
    expect(fileReport.parameters?.filter((p) => p.in === 'header').map((p) => p.name)).toContain('idempotency-key');
    expect(Object.keys(fileReport.responses['201']?.headers ?? {})).toContain('Location');
  });

  test('describes the Open311 XML variants with their media type', () => {
    const discovery = (
      document.paths?.['/open311/v2/discovery.xml'] as { get: { responses: Record<string, { content?: object }> } }
    ).get;
    expect(Object.keys(discovery.responses['200']?.content ?? {})).toEqual(['text/xml']);
  });

  test('describes every public-facing declared route under its operation id', () => {
    for (const route of routes.filter((r) => !r.hidden)) {
      const operation = (document.paths?.[route.path] as Record<string, { operationId?: string }>)[
        route.method.toLowerCase()
      ];
      expect(operation?.operationId).toBe(route.id);
    }
  });

  test('documents the validation rules of request parameters, e.g. the latitude range of locate', () => {
    const locate = (
      document.paths?.['/territories/{siren}/locate'] as {
        get: { parameters: { name: string; schema: { maximum?: number } }[] };
      }
    ).get;
    expect(locate.parameters.find((p) => p.name === 'lat')?.schema.maximum).toBe(90);
  });

  test('asks for a bearer token on admin routes only where the route is not public', () => {
    const importOp = (document.paths?.['/territories/{siren}/import'] as { post: { security?: unknown } }).post;
    const getOp = (document.paths?.['/territories/{siren}'] as { get: { security?: unknown } }).get;
    expect(importOp.security).toEqual([{ bearer: [] }]);
    expect(getOp.security).toBeUndefined();
  });

  test('holds no local-only route', () => {
    expect(Object.keys(document.paths ?? {}).filter((p) => p.startsWith('/_local'))).toEqual([]);
  });
});
