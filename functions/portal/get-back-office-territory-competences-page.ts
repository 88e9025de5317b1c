// GET /agents/territoire/competences
import { loadCompetences } from '../../shared/portal/back-office-territory-app';
import { pageHandler } from '../../shared/portal/page-http';
import { competencesPage } from '../../shared/portal/pages/back-office-territory-competences';
import { backOfficeTerritoryPageRoutes } from '../../shared/portal/back-office-territory-pages-routes';

export const handler = pageHandler(
  backOfficeTerritoryPageRoutes.getBackOfficeTerritoryCompetencesPage,
  async (_request, page) => page.render(competencesPage(page.t, await loadCompetences(page.principal!))),
  { signedIn: 'agent' },
);
