// GET /agents/territoire/communes
import { loadCommunes } from '../../shared/portal/back-office-territory-app';
import { pageHandler } from '../../shared/portal/page-http';
import { communesPage } from '../../shared/portal/pages/back-office-territory-communes';
import { backOfficeTerritoryPageRoutes } from '../../shared/portal/back-office-territory-pages-routes';

export const handler = pageHandler(
  backOfficeTerritoryPageRoutes.getBackOfficeTerritoryCommunesPage,
  async ({ query }, page) => {
    const view = await loadCommunes(page.principal!, query.commune);
    return page.render(communesPage(page.t, view, query.avis ? { notice: query.avis } : {}));
  },
  { signedIn: 'agent' },
);
