/**
 * The portal's pages, declared like every route (the wiring builds API Gateway routes, Lambda
 * functions and the local gateway from them). A page is public at the gateway, answers HTML and
 * is left out of the OpenAPI document; page-route.ts says what each declares and why. The pages
 * of the other contexts are declared in their own files and spread in here.
 */
import { participationPageRoutes } from './participation-pages-routes';
import { backOfficePageRoutes } from './back-office-pages-routes';
import { backOfficeDashboardsPageRoutes } from './back-office-dashboards-pages-routes';
import { backOfficeReportsPageRoutes } from './back-office-reports-pages-routes';
import { backOfficeParticipationPageRoutes } from './back-office-participation-pages-routes';
import { backOfficeSensorsPageRoutes } from './back-office-sensors-pages-routes';
import { backOfficeTerritoryPageRoutes } from './back-office-territory-pages-routes';
import { portfolioPageRoutes } from './portfolio-pages-routes';
import { privacyPageRoutes } from './privacy-pages-routes';
import { reportPageRoutes } from './report-page-routes';
import { sensorsPageRoutes } from './sensors-pages-routes';
import { shellPageRoutes } from './shell-pages-routes';

export const portalRoutes = {
  ...shellPageRoutes,
  ...participationPageRoutes,
  ...sensorsPageRoutes,
  ...reportPageRoutes,
  ...portfolioPageRoutes,
  ...privacyPageRoutes,
  // The back office: its home, then each area's pages (back-office-<area>-pages-routes.ts).
  ...backOfficePageRoutes,
  ...backOfficeDashboardsPageRoutes,
  ...backOfficeReportsPageRoutes,
  ...backOfficeParticipationPageRoutes,
  ...backOfficeSensorsPageRoutes,
  ...backOfficeTerritoryPageRoutes,
} as const;
