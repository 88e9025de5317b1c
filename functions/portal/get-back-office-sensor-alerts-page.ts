// GET /agents/capteurs/alertes
import { loadAlerts } from '../../shared/portal/back-office-sensors-app';
import { ALERT_STATE_PARAMS } from '../../shared/portal/back-office-sensors-pages-routes';
import { pageHandler } from '../../shared/portal/page-http';
import { sensorAlertsPage } from '../../shared/portal/pages/back-office-sensors-pages';
import { backOfficeSensorsPageRoutes } from '../../shared/portal/back-office-sensors-pages-routes';

export const handler = pageHandler(
  backOfficeSensorsPageRoutes.getBackOfficeSensorAlertsPage,
  async ({ query }, page) => {
    const state = ALERT_STATE_PARAMS[query.etat];
    const alerts = await loadAlerts(page.principal!, state, query.suite);
    return page.render(
      sensorAlertsPage(page.t, {
        state,
        alerts: alerts.items,
        ...(alerts.cursor ? { cursor: alerts.cursor } : {}),
        ...(query.avis ? { notice: query.avis } : {}),
      }),
    );
  },
  { signedIn: 'agent' },
);
