// GET /consultations
import { pageHandler } from '../../shared/portal/page-http';
import { consultationsPage } from '../../shared/portal/pages/consultation-list-page';
import { loadConsultations } from '../../shared/portal/participation-pages-app';
import { participationPageRoutes } from '../../shared/portal/participation-pages-routes';

export const handler = pageHandler(participationPageRoutes.getConsultationsPage, async (_request, page) =>
  page.render(consultationsPage(page.t, await loadConsultations())),
);
