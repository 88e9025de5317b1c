// GET /consultations/{consultationId}
import { pageHandler } from '../../shared/portal/page-http';
import { consultationPage } from '../../shared/portal/pages/consultation-page';
import { loadConsultationView } from '../../shared/portal/participation-pages-app';
import { participationPageRoutes } from '../../shared/portal/participation-pages-routes';

export const handler = pageHandler(participationPageRoutes.getConsultationPage, async ({ params, query }, page) =>
  page.render(consultationPage(page.t, await loadConsultationView(params.consultationId, page.principal, query))),
);
