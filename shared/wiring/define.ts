import type { ConsumerDeclaration, RouteDeclaration, ScheduleDeclaration } from './types';

/** Keeps a route's literal types, so handlers get typed params, query, body and principal. */
export const defineRoute = <const R extends RouteDeclaration>(route: R): R => route;

/** Keeps the consumer's event definitions, so its handler receives their parsed types. */
export const defineConsumer = <const C extends ConsumerDeclaration>(consumer: C): C => consumer;

export const defineSchedule = (schedule: ScheduleDeclaration) => schedule;
