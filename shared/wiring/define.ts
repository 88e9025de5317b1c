import type { ConsumerDeclaration, RouteDeclaration, ScheduleDeclaration } from './types';

/** Keeps a route's literal types, so handlers get typed params, query, body and principal. */
export const defineRoute = <const R extends RouteDeclaration>(route: R): R => route;

export const defineConsumer = (consumer: ConsumerDeclaration) => consumer;

export const defineSchedule = (schedule: ScheduleDeclaration) => schedule;
