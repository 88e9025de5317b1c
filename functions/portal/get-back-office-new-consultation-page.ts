// GET /agents/consultations/nouvelle
import { areaMapOf, scopeChoices } from '../../shared/portal/back-office-participation-app';
import { pageHandler } from '../../shared/portal/page-http';
import { newConsultationPage } from '../../shared/portal/pages/back-office-participation-consultation-pages';
import { backOfficeParticipationPageRoutes } from '../../shared/portal/back-office-participation-pages-routes';

export const handler = pageHandler(
  backOfficeParticipationPageRoutes.getBackOfficeNewConsultationPage,
  async (_request, page) =>
    page.render(
      newConsultationPage(page.t, {
        scopes: await scopeChoices(page.t, page.principal!),
        values: {},
        map: await areaMapOf(page.principal!),
      }),
    ),
  { signedIn: 'agent' },
);
