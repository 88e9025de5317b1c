import { openApiDocument } from '../../shared/platform/openapi';
import { routes } from '../../shared/wiring';

const document = openApiDocument();

describe('the OpenAPI document', () => {
  test('is OpenAPI 3.1', () => {
    expect(document.openapi).toBe('3.1.0');
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
