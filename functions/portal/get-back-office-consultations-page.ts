// GET /agents/consultations
import { loadConsultationRows } from '../../shared/portal/back-office-participation-app';
import { pageHandler } from '../../shared/portal/page-http';
import { consultationsAdminPage } from '../../shared/portal/pages/back-office-participation-consultation-pages';
import { backOfficeParticipationPageRoutes } from '../../shared/portal/back-office-participation-pages-routes';

export const handler = pageHandler(
  backOfficeParticipationPageRoutes.getBackOfficeConsultationsPage,
  async ({ query }, page) =>
    page.render(consultationsAdminPage(page.t, await loadConsultationRows(page.t, page.principal!, query.suite))),
  { signedIn: 'agent' },
);
