import type { ConsumerDeclaration, RouteContract, RouteDeclaration, ScheduleDeclaration } from './types';

/** Keeps a route's literal contract type, so handlers get typed params, query and body. */
export const defineRoute = <C extends RouteContract>(route: RouteDeclaration & { contract: C }) => route;

export const defineConsumer = (consumer: ConsumerDeclaration) => consumer;

export const defineSchedule = (schedule: ScheduleDeclaration) => schedule;
