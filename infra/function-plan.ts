/**
 * Turns the wiring declaration (shared/wiring) into the list of Lambda functions to build: one
 * function per distinct handler file, whatever number of routes, consumers or schedules it serves.
 * Pure data, no CDK, so the grouping rules read (and test) on their own.
 */
import type {
  ConsumerDeclaration,
  ObjectStoreAccess,
  OpenDataAccess,
  RouteDeclaration,
  ScheduleDeclaration,
  TableAccess,
} from '../shared/wiring/types';

/** What one handler file needs, gathered from every declaration that names it. */
export interface FunctionPlan {
  /** Handler module path from the project root, e.g. functions/platform/get-health.ts. */
  readonly handler: string;
  /** Construct id derived from the path (PlatformGetHealth): renaming a route id keeps the function. */
  readonly constructId: string;
  /** The widest table access any of its declarations asks for. */
  readonly table: TableAccess;
  /** True when any of its declarations publishes domain events. */
  readonly publishesEvents: boolean;
  /** True when any of its declarations sends e-mail. */
  readonly sendsEmail: boolean;
  /** The widest uploads bucket access its routes ask for. */
  readonly objectStore: ObjectStoreAccess | 'none';
  /** The widest open-data bucket access its declarations ask for. */
  readonly openData: OpenDataAccess | 'none';
  /** Seconds; the tightest limit its declarations impose (see timeoutFor*). */
  readonly timeoutSeconds: number;
  readonly routes: readonly RouteDeclaration[];
  readonly consumers: readonly ConsumerDeclaration[];
  readonly schedules: readonly ScheduleDeclaration[];
}

export interface Wiring {
  readonly routes: readonly RouteDeclaration[];
  readonly consumers: readonly ConsumerDeclaration[];
  readonly schedules: readonly ScheduleDeclaration[];
}

/** API Gateway gives up after 30 s; a route handler that needs more is a design error. */
export const ROUTE_TIMEOUT_SECONDS = 10;
/** A scheduled run may take longer, but must end before the next one starts (rate(1 minute)). */
export const SCHEDULE_TIMEOUT_SECONDS = 55;
/** AWS advises a queue visibility timeout of six times the consumer function's timeout. */
export const consumerTimeoutSeconds = (consumer: ConsumerDeclaration): number => {
  const seconds = Math.floor(consumer.visibilityTimeoutSeconds / 6);
  if (seconds < 3) {
    throw new Error(
      `Consumer ${consumer.id}: visibilityTimeoutSeconds ${consumer.visibilityTimeoutSeconds} leaves less than 3 s ` +
        'to the function (AWS advises six times the function timeout); raise it to 18 or more',
    );
  }
  return seconds;
};

const TABLE_ACCESS_ORDER: readonly TableAccess[] = ['none', 'read', 'write'];
const widest = (accesses: readonly TableAccess[]): TableAccess =>
  accesses.reduce((a, b) => (TABLE_ACCESS_ORDER.indexOf(b) > TABLE_ACCESS_ORDER.indexOf(a) ? b : a), 'none');

/** functions/platform/get-api-reference.ts → PlatformGetApiReference */
export const constructIdOf = (handler: string): string =>
  handler
    .replace(/^functions\//, '')
    .replace(/\.[cm]?[jt]s$/, '')
    .split(/[/\-_.]/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');

export const planFunctions = (wiring: Wiring): FunctionPlan[] => {
  const handlers = new Set([
    ...wiring.routes.map((r) => r.handler),
    ...wiring.consumers.map((c) => c.handler),
    ...wiring.schedules.map((s) => s.handler),
  ]);
  const plans = [...handlers].sort().map((handler): FunctionPlan => {
    const routes = wiring.routes.filter((r) => r.handler === handler);
    const consumers = wiring.consumers.filter((c) => c.handler === handler);
    const schedules = wiring.schedules.filter((s) => s.handler === handler);
    const declarations = [...routes, ...consumers, ...schedules];
    return {
      handler,
      constructId: constructIdOf(handler),
      table: widest(declarations.map((d) => d.table)),
      publishesEvents: declarations.some((d) => d.publishesEvents === true),
      sendsEmail: declarations.some((d) => d.sendsEmail === true),
      objectStore: routes.some((r) => r.objectStore === 'write')
        ? 'write'
        : routes.some((r) => r.objectStore === 'read')
          ? 'read'
          : 'none',
      openData: declarations.some((d) => d.openData === 'publish')
        ? 'publish'
        : declarations.some((d) => d.openData === 'link')
          ? 'link'
          : 'none',
      timeoutSeconds: Math.min(
        ...routes.map(() => ROUTE_TIMEOUT_SECONDS),
        ...consumers.map(consumerTimeoutSeconds),
        ...schedules.map(() => SCHEDULE_TIMEOUT_SECONDS),
      ),
      routes,
      consumers,
      schedules,
    };
  });
  const ids = new Map<string, string>();
  for (const plan of plans) {
    const other = ids.get(plan.constructId);
    if (other)
      throw new Error(`Handlers ${other} and ${plan.handler} map to the same construct id ${plan.constructId}`);
    ids.set(plan.constructId, plan.handler);
  }
  return plans;
};
