// POST /agents/capteurs/alertes: acknowledge or close an alert.
import { actOnAlert, AlertForm, loadAlerts } from '../../shared/portal/back-office-sensors-app';
import { ALERT_STATE_PARAMS, type AlertStateParam } from '../../shared/portal/back-office-sensors-pages-routes';
import { backOfficePaths, withQuery } from '../../shared/portal/back-office-paths';
import { pageHandler } from '../../shared/portal/page-http';
import { sensorAlertsPage } from '../../shared/portal/pages/back-office-sensors-pages';
import { backOfficeSensorsPageRoutes } from '../../shared/portal/back-office-sensors-pages-routes';

export const handler = pageHandler(
  backOfficeSensorsPageRoutes.submitBackOfficeSensorAlertForm,
  async ({ body }, page) => {
    const principal = page.principal!;
    const etat: AlertStateParam =
      typeof body.etat === 'string' && body.etat in ALERT_STATE_PARAMS ? (body.etat as AlertStateParam) : 'ouvertes';
    const state = ALERT_STATE_PARAMS[etat];
    const a = page.t.backOfficeSensors.alerts;
    const form = page.readForm(AlertForm, { note: a.note });
    const show = async (
      extra: { stale?: boolean; errors?: Parameters<typeof sensorAlertsPage>[1]['errors'] },
      status: 200 | 400,
    ) => {
      const alerts = await loadAlerts(principal, state);
      return page.render(
        sensorAlertsPage(page.t, {
          state,
          alerts: alerts.items,
          ...(alerts.cursor ? { cursor: alerts.cursor } : {}),
          ...extra,
        }),
        status,
      );
    };
    if (!form.ok)
      return show(
        { errors: { fields: {}, general: Object.values(form.errors.fields).concat(form.errors.general) } },
        400,
      );
    // Someone acted on it meanwhile: the list as it is now, saying so.
    if ((await actOnAlert(principal, form.value)) === 'stale') return show({ stale: true }, 200);
    return page.redirect(
      withQuery(backOfficePaths.sensorAlerts, { etat, avis: form.value.acte === 'acquitter' ? 'acquittee' : 'close' }),
    );
  },
  { signedIn: 'agent' },
);
