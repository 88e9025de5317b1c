// GET /agents/territoire/calendriers
import { loadBodies } from '../../shared/portal/back-office-territory-app';
import { pageHandler } from '../../shared/portal/page-http';
import { calendarPage } from '../../shared/portal/pages/back-office-territory-bodies';
import { portalRoutes } from '../../shared/portal/portal-routes';

export const handler = pageHandler(
  portalRoutes.getBackOfficeTerritoryCalendarPage,
  async ({ query }, page) => {
    const view = await loadBodies(page.principal!, query.organisme);
    return page.render(calendarPage(page.t, view, query.avis ? { notice: query.avis } : {}));
  },
  { signedIn: 'agent' },
);
