// GET /agents/territoire/calendriers
import { loadBodies } from '../../shared/portal/back-office-territory-app';
import { pageHandler } from '../../shared/portal/page-http';
import { calendarPage } from '../../shared/portal/pages/back-office-territory-bodies';
import { backOfficeTerritoryPageRoutes } from '../../shared/portal/back-office-territory-pages-routes';

export const handler = pageHandler(
  backOfficeTerritoryPageRoutes.getBackOfficeTerritoryCalendarPage,
  async ({ query }, page) => {
    const view = await loadBodies(page.principal!, query.organisme);
    return page.render(calendarPage(page.t, view, query.avis ? { notice: query.avis } : {}));
  },
  { signedIn: 'agent' },
);
