// GET /agents/territoire/services
import { loadBodies } from '../../shared/portal/back-office-territory-app';
import { pageHandler } from '../../shared/portal/page-http';
import { servicesPage } from '../../shared/portal/pages/back-office-territory-bodies';
import { backOfficeTerritoryPageRoutes } from '../../shared/portal/back-office-territory-pages-routes';

export const handler = pageHandler(
  backOfficeTerritoryPageRoutes.getBackOfficeTerritoryServicesPage,
  async ({ query }, page) => {
    const view = await loadBodies(page.principal!, query.organisme);
    return page.render(
      servicesPage(page.t, view, {
        ...(query.service ? { serviceId: query.service } : {}),
        ...(query.avis ? { notice: query.avis } : {}),
      }),
    );
  },
  { signedIn: 'agent' },
);
