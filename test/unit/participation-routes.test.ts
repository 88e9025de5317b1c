/** One name per participation route: the declaration's key, its id (the operationId) and its handler file. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../infra/project-root';
import { participationRoutes } from '../../shared/participation/participation-routes';
import type { RouteDeclaration } from '../../shared/wiring/types';

const kebab = (id: string) => id.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

test.each(Object.entries(participationRoutes))('%s: key = id = handler file name', (key, route) => {
  expect(route.id).toBe(key);
  expect(route.handler).toBe(`functions/participation/${kebab(key)}.ts`);
  expect(existsSync(join(projectRoot, route.handler))).toBe(true);
});

test('every creating POST says where the new resource is and honours an Idempotency-Key', () => {
  for (const route of Object.values<RouteDeclaration>(participationRoutes)) {
    const created = route.contract.responses[201];
    if (!created) continue;
    expect([route.id, created.headers]).toEqual([route.id, { Location: expect.anything() }]);
    expect([route.id, route.idempotent, route.contract]).toEqual([
      route.id,
      true,
      expect.objectContaining({ headers: { 'idempotency-key': expect.anything() } }),
    ]);
  }
});
