// GET /agents/territoire/competences/{code}
import { loadCompetence } from '../../shared/portal/back-office-territory-app';
import { pageHandler } from '../../shared/portal/page-http';
import { competencePage } from '../../shared/portal/pages/back-office-territory-competences';
import { backOfficeTerritoryPageRoutes } from '../../shared/portal/back-office-territory-pages-routes';

export const handler = pageHandler(
  backOfficeTerritoryPageRoutes.getBackOfficeTerritoryCompetencePage,
  async ({ params, query }, page) => {
    const view = await loadCompetence(page.principal!, params.code, query.commune);
    return page.render(competencePage(page.t, view, query.avis ? { notice: query.avis } : {}));
  },
  { signedIn: 'agent' },
);
