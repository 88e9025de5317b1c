/** How functions are spread over nested stacks: one per context folder, cut in parts past the budget. */
import type { FunctionPlan } from '../../infra/function-plan';
import { contextOf, planStacks, resourceCountOf } from '../../infra/stack-plan';

const plan = (handler: string, routeCount = 1): FunctionPlan =>
  ({
    handler,
    constructId: handler,
    table: 'read',
    publishesEvents: false,
    sendsEmail: false,
    objectStore: 'none',
    timeoutSeconds: 10,
    routes: Array.from({ length: routeCount }, (_, i) => ({ id: `${handler}${i}` })),
    consumers: [],
    schedules: [],
  }) as unknown as FunctionPlan;

const summary = (plans: FunctionPlan[], budget?: number) =>
  planStacks(plans, budget).map((stack) => [stack.id, stack.functions.map((f) => f.handler)]);

describe('planStacks', () => {
  it('gives each folder of functions/ a stack of its own, named after it, in folder order', () => {
    const plans = [
      plan('functions/territory/get-commune.ts'),
      plan('functions/open-data/list-datasets.ts'),
      plan('functions/territory/delete-service.ts'),
    ];
    expect(summary(plans)).toEqual([
      ['OpenData', ['functions/open-data/list-datasets.ts']],
      ['Territory', ['functions/territory/delete-service.ts', 'functions/territory/get-commune.ts']],
    ]);
  });

  it('cuts a context past the budget in handler order, the first part keeping the plain name', () => {
    const perFunction = resourceCountOf(plan('functions/reports/a.ts'));
    const plans = ['e', 'b', 'd', 'a', 'c'].map((name) => plan(`functions/reports/${name}.ts`));
    expect(summary(plans, 2 * perFunction)).toEqual([
      ['Reports', ['functions/reports/a.ts', 'functions/reports/b.ts']],
      ['Reports2', ['functions/reports/c.ts', 'functions/reports/d.ts']],
      ['Reports3', ['functions/reports/e.ts']],
    ]);
  });

  it('counts the resources of a function: five of its own and three per route', () => {
    expect(resourceCountOf(plan('functions/reports/a.ts', 4))).toBe(5 + 3 * 4);
    const [stack] = planStacks([plan('functions/reports/a.ts', 4), plan('functions/reports/b.ts', 1)]);
    expect(stack!.resourceCount).toBe(17 + 8);
  });

  it('refuses a function that alone exceeds the budget', () => {
    expect(() => planStacks([plan('functions/reports/a.ts', 40)], 100)).toThrow(
      /functions\/reports\/a.ts alone needs 125/,
    );
  });

  it('refuses a handler outside a context folder', () => {
    expect(() => contextOf('functions/get-health.ts')).toThrow(/functions\/<context>\//);
    expect(contextOf('functions/sensors/ngsi-ld-get-entity.ts')).toBe('sensors');
  });
});
