/**
 * The one declaration of the platform's wiring: every HTTPS route, queue consumer and scheduled
 * trigger. infra/ builds the CDK app from it and infra/local/ the local runtime; a test checks the
 * synthesized template holds exactly these.
 */
import { auditRoutes } from '../audit/audit-routes';
import { participationRoutes } from '../participation/participation-routes';
import { platformRoutes } from '../platform/platform-routes';
import { portalRoutes } from '../portal/portal-routes';
import { privacyRoutes } from '../privacy/privacy-routes';
import { portfolioRoutes } from '../portfolio/portfolio-routes';
import { open311Routes } from '../open311/open311-routes';
import { openDataRoutes } from '../opendata/opendata-routes';
import { reportRoutes } from '../reports/report-routes';
import { sensorRoutes } from '../sensors/sensors-routes';
import { statisticsRoutes } from '../statistics/statistics-routes';
import { territoryRoutes } from '../territory/territory-routes';
import type { RouteDeclaration } from './types';

export { consumers } from './consumers';
export { THROTTLE_CLASSES, throttleClassOf, type ThrottleClass } from './throttle';
export { schedules } from './schedules';

/** Each context's routes, keyed by route id (a test checks key = id = handler file name). */
export const routesByContext: Readonly<Record<string, Readonly<Record<string, RouteDeclaration>>>> = {
  platform: platformRoutes,
  territory: territoryRoutes,
  audit: auditRoutes,
  participation: participationRoutes,
  reports: reportRoutes,
  open311: open311Routes,
  sensors: sensorRoutes,
  portfolio: portfolioRoutes,
  portal: portalRoutes,
  opendata: openDataRoutes,
  privacy: privacyRoutes,
  statistics: statisticsRoutes,
};

export const routes: readonly RouteDeclaration[] = Object.values(routesByContext).flatMap((group) =>
  Object.values(group),
);
