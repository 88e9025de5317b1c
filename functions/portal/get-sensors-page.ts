// GET /capteurs
import { pageHandler } from '../../shared/portal/page-http';
import { sensorsPage } from '../../shared/portal/pages/sensor-list-page';
import { portalRoutes } from '../../shared/portal/portal-routes';
import { KIND_TYPES, loadSensorsView } from '../../shared/portal/sensors-pages-app';

export const handler = pageHandler(portalRoutes.getSensorsPage, async ({ query }, page) =>
  page.render(sensorsPage(page.t, await loadSensorsView(page.t, query), KIND_TYPES)),
);
