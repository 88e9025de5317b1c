// GET /capteurs
import { pageHandler } from '../../shared/portal/page-http';
import { sensorsPage } from '../../shared/portal/pages/sensor-list-page';
import { sensorsPageRoutes } from '../../shared/portal/sensors-pages-routes';
import { KIND_TYPES, loadSensorsView } from '../../shared/portal/sensors-pages-app';

export const handler = pageHandler(sensorsPageRoutes.getSensorsPage, async ({ query }, page) =>
  page.render(sensorsPage(page.t, await loadSensorsView(page.t, query), KIND_TYPES)),
);
