/**
 * Which nested stack of the service stack builds each function: one per context, the folder of the
 * handler file (functions/<context>/...), so the number of stacks follows the number of contexts and
 * CloudFormation's 500 resources per stack bind a context, never the whole platform.
 * Pure data, no CDK, like function-plan.ts.
 */
import { constructIdOf, type FunctionPlan } from './function-plan';

/** A context's folder: functions/reports/file-report.ts → reports. */
export const contextOf = (handler: string): string => {
  const match = /^functions\/([^/]+)\/[^/]+$/.exec(handler);
  if (!match) throw new Error(`Handler ${handler} is not a file of functions/<context>/`);
  return match[1]!;
};

/**
 * Resources planned in one nested stack at most. CloudFormation refuses a stack of more than 500;
 * the margin absorbs a construct that starts adding a resource before the count below learns it.
 */
export const STACK_RESOURCE_BUDGET = 400;

/**
 * The CloudFormation resources a function brings to its nested stack, at most (stacks/context-stack.ts):
 * the function, its role, role policy, log group and errors alarm; per route the HTTP route, its
 * integration and the permission to invoke; per consumer an event source mapping; per schedule the
 * schedule and the scheduler's role and policy; the uploads bucket policy when it has one, and the
 * open-data bucket's when it publishes.
 */
export const resourceCountOf = (plan: FunctionPlan): number =>
  5 +
  3 * plan.routes.length +
  plan.consumers.length +
  3 * plan.schedules.length +
  (plan.objectStore === 'none' ? 0 : 1) +
  (plan.openData === 'publish' ? 1 : 0);

/** Not localeCompare: the order, hence the stacks, must not depend on the machine's locale. */
const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export interface StackPlan {
  /** Construct id of the nested stack: the context (Reports), then Reports2, Reports3... past the budget. */
  readonly id: string;
  readonly context: string;
  /** In handler order. */
  readonly functions: readonly FunctionPlan[];
  /** Sum of resourceCountOf: at most the budget. */
  readonly resourceCount: number;
}

/**
 * One stack per context, in context order. A context over the budget is cut in handler order, each
 * part filled up to the budget; the first part keeps the context's name, so a context that outgrows
 * one stack moves only its last handlers.
 */
export const planStacks = (plans: readonly FunctionPlan[], budget = STACK_RESOURCE_BUDGET): StackPlan[] => {
  const byContext = new Map<string, FunctionPlan[]>();
  for (const plan of [...plans].sort((a, b) => byCodePoint(a.handler, b.handler))) {
    const context = contextOf(plan.handler);
    byContext.set(context, [...(byContext.get(context) ?? []), plan]);
  }
  const stacks: StackPlan[] = [];
  for (const [context, contextPlans] of [...byContext].sort(([a], [b]) => byCodePoint(a, b))) {
    const parts: { functions: FunctionPlan[]; resourceCount: number }[] = [];
    for (const plan of contextPlans) {
      const count = resourceCountOf(plan);
      if (count > budget)
        throw new Error(`${plan.handler} alone needs ${count} resources, over the budget of ${budget}`);
      const part = parts.at(-1);
      if (part && part.resourceCount + count <= budget) {
        part.functions.push(plan);
        part.resourceCount += count;
      } else {
        parts.push({ functions: [plan], resourceCount: count });
      }
    }
    parts.forEach((part, i) =>
      stacks.push({ id: `${constructIdOf(context)}${i === 0 ? '' : i + 1}`, context, ...part }),
    );
  }
  const ids = new Set<string>();
  for (const { id, context } of stacks) {
    if (ids.has(id)) throw new Error(`Context ${context} gives the stack id ${id}, which another stack already has`);
    ids.add(id);
  }
  return stacks;
};
