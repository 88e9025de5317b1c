// GET /agents/consultations/{consultationId}
import { editValues, loadConsultationForAgent } from '../../shared/portal/back-office-participation-app';
import { pageHandler } from '../../shared/portal/page-http';
import { consultationAdminPage } from '../../shared/portal/pages/back-office-participation-consultation-pages';
import { backOfficeParticipationPageRoutes } from '../../shared/portal/back-office-participation-pages-routes';

export const handler = pageHandler(
  backOfficeParticipationPageRoutes.getBackOfficeConsultationPage,
  async ({ params, query }, page) => {
    const view = await loadConsultationForAgent(page.t, page.principal!, params.consultationId);
    return page.render(
      consultationAdminPage(page.t, {
        view,
        editValues: editValues(view.consultation),
        ...(query.avis ? { notice: query.avis } : {}),
      }),
    );
  },
  { signedIn: 'agent' },
);
