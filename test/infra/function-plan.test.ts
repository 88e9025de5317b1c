/** How the wiring declaration becomes functions: one per handler file, with the union of its needs. */
import * as z from 'zod';
import { defineEvent } from '../../shared/events/domain-event';
import type { ConsumerDeclaration, RouteDeclaration, ScheduleDeclaration } from '../../shared/wiring/types';
import { constructIdOf, planFunctions, ROUTE_TIMEOUT_SECONDS } from '../../infra/function-plan';

const route = (
  id: string,
  handler: string,
  table: RouteDeclaration['table'],
  publishesEvents = false,
): RouteDeclaration => ({
  id,
  method: 'GET',
  path: `/${id}`,
  handler,
  access: 'public',
  table,
  publishesEvents,
  tag: 'Test',
  summary: id,
  contract: { responses: { 200: { description: 'ok' } } },
});

const consumer = (handler: string, visibilityTimeoutSeconds: number): ConsumerDeclaration => ({
  id: 'consume',
  queue: 'things',
  handler,
  subscribes: [defineEvent('thing.*', z.unknown())],
  batchSize: 10,
  maxReceiveCount: 3,
  visibilityTimeoutSeconds,
  table: 'write',
});

const noSchedules: ScheduleDeclaration[] = [];

describe('planFunctions', () => {
  it('builds one function for two routes sharing a handler file, with the widest table access and any event publishing', () => {
    const plans = planFunctions({
      routes: [route('a', 'functions/things/serve.ts', 'read'), route('b', 'functions/things/serve.ts', 'write', true)],
      consumers: [],
      schedules: noSchedules,
    });
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({
      handler: 'functions/things/serve.ts',
      constructId: 'ThingsServe',
      table: 'write',
      publishesEvents: true,
      timeoutSeconds: ROUTE_TIMEOUT_SECONDS,
    });
    expect(plans[0]!.routes.map((r) => r.id)).toEqual(['a', 'b']);
  });

  it("takes the widest uploads bucket access of a handler's routes", () => {
    const withStore = (id: string, objectStore?: 'read' | 'write'): RouteDeclaration => ({
      ...route(id, 'functions/things/photos.ts', 'read'),
      ...(objectStore ? { objectStore } : {}),
    });
    const plan = (...routes: RouteDeclaration[]) =>
      planFunctions({ routes, consumers: [], schedules: noSchedules })[0]!.objectStore;
    expect(plan(withStore('a'))).toBe('none');
    expect(plan(withStore('a', 'read'), withStore('b'))).toBe('read');
    expect(plan(withStore('a', 'read'), withStore('b', 'write'))).toBe('write');
  });

  it('gives a consumer a sixth of its queue visibility timeout, as AWS advises', () => {
    const [plan] = planFunctions({
      routes: [],
      consumers: [consumer('functions/things/consume.ts', 60)],
      schedules: noSchedules,
    });
    expect(plan!.timeoutSeconds).toBe(10);
  });

  it('refuses a visibility timeout too short for any function', () => {
    expect(() =>
      planFunctions({ routes: [], consumers: [consumer('functions/things/consume.ts', 12)], schedules: noSchedules }),
    ).toThrow(/visibilityTimeoutSeconds 12/);
  });

  it('names constructs after the handler path, so renaming a route keeps its function', () => {
    expect(constructIdOf('functions/platform/get-api-reference-asset.ts')).toBe('PlatformGetApiReferenceAsset');
  });
});
