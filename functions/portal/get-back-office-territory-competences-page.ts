// GET /agents/territoire/competences
import { loadCompetences } from '../../shared/portal/back-office-territory-app';
import { pageHandler } from '../../shared/portal/page-http';
import { competencesPage } from '../../shared/portal/pages/back-office-territory-competences';
import { portalRoutes } from '../../shared/portal/portal-routes';

export const handler = pageHandler(
  portalRoutes.getBackOfficeTerritoryCompetencesPage,
  async (_request, page) => page.render(competencesPage(page.t, await loadCompetences(page.principal!))),
  { signedIn: 'agent' },
);
