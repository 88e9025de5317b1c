// GET /agents/capteurs/partenaires (territory admins: the use cases refuse others with a 403 page)
import { loadPartners } from '../../shared/portal/back-office-sensors-app';
import { pageHandler } from '../../shared/portal/page-http';
import { sensorPartnersPage } from '../../shared/portal/pages/back-office-sensors-pages';
import { backOfficeSensorsPageRoutes } from '../../shared/portal/back-office-sensors-pages-routes';

export const handler = pageHandler(
  backOfficeSensorsPageRoutes.getBackOfficeSensorPartnersPage,
  async ({ query }, page) =>
    page.render(
      sensorPartnersPage(page.t, {
        partners: await loadPartners(page.principal!),
        values: {},
        ...(query.avis ? { notice: query.avis } : {}),
      }),
    ),
  { signedIn: 'agent' },
);
