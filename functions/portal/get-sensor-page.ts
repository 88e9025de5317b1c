// GET /capteurs/{sensorId}
import { pageHandler } from '../../shared/portal/page-http';
import { sensorPage } from '../../shared/portal/pages/sensor-detail-page';
import { sensorsPageRoutes } from '../../shared/portal/sensors-pages-routes';
import { loadSensorView } from '../../shared/portal/sensors-pages-app';

export const handler = pageHandler(sensorsPageRoutes.getSensorPage, async ({ params, query }, page) =>
  page.render(sensorPage(page.t, await loadSensorView(page.t, params.sensorId, query.mesure))),
);
