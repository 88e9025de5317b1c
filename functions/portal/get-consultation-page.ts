// GET /consultations/{consultationId}
import { pageHandler } from '../../shared/portal/page-http';
import { consultationPage } from '../../shared/portal/pages/consultation-page';
import { loadConsultationView } from '../../shared/portal/participation-pages-app';
import { portalRoutes } from '../../shared/portal/portal-routes';

export const handler = pageHandler(portalRoutes.getConsultationPage, async ({ params, query }, page) =>
  page.render(consultationPage(page.t, await loadConsultationView(params.consultationId, page.principal, query))),
);
