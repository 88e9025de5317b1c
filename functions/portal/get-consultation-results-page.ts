// GET /consultations/{consultationId}/resultats
import { pageHandler } from '../../shared/portal/page-http';
import { resultsPage } from '../../shared/portal/pages/consultation-results-page';
import { loadResultsView } from '../../shared/portal/participation-pages-app';
import { participationPageRoutes } from '../../shared/portal/participation-pages-routes';

export const handler = pageHandler(participationPageRoutes.getConsultationResultsPage, async ({ params }, page) =>
  page.render(resultsPage(page.t, await loadResultsView(params.consultationId, page.principal))),
);
