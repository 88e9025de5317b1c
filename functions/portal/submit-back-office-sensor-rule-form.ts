// POST /agents/capteurs/regles: save or delete an alert rule (territory admins; the use case checks).
import {
  agentSiren,
  DeleteRuleForm,
  isAdmin,
  loadRules,
  RuleForm,
  ruleInputOf,
  ruleLabels,
  sensorAlerts,
  sensorsRefusal,
} from '../../shared/portal/back-office-sensors-app';
import { backOfficePaths, withQuery } from '../../shared/portal/back-office-paths';
import type { FormErrors } from '../../shared/portal/form-errors';
import { pageHandler } from '../../shared/portal/page-http';
import { sensorRulesPage } from '../../shared/portal/pages/back-office-sensors-pages';
import { backOfficeSensorsPageRoutes } from '../../shared/portal/back-office-sensors-pages-routes';

const sent = (body: Readonly<Record<string, unknown>>) =>
  Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));

export const handler = pageHandler(
  backOfficeSensorsPageRoutes.submitBackOfficeSensorRuleForm,
  async ({ body }, page) => {
    const principal = page.principal!;
    const siren = agentSiren(principal);
    const labels = ruleLabels(page.t);

    if (body.acte === 'supprimer') {
      const form = page.readForm(DeleteRuleForm, {});
      if (form.ok) {
        await sensorAlerts.deleteRule(principal, siren, form.value.id);
        return page.redirect(withQuery(backOfficePaths.sensorRules, { avis: 'supprimee' }));
      }
    }

    const again = async (errors: FormErrors, status: 400 | 422) => {
      const rules = await loadRules(principal);
      const id = typeof body.id === 'string' ? body.id : undefined;
      const editing = rules.some((rule) => rule.id === id) ? id : undefined;
      return page.render(
        sensorRulesPage(page.t, {
          rules,
          admin: isAdmin(principal),
          ...(editing ? { editing } : {}),
          values: sent(body),
          errors,
        }),
        status,
      );
    };
    const form = page.readForm(RuleForm, labels);
    if (!form.ok) return again(form.errors, 400);
    const input = ruleInputOf(form.value);
    if (!input) return again({ fields: { sensorId: page.t.backOfficeSensors.rules.scopeBoth }, general: [] }, 400);
    try {
      await sensorAlerts.saveRule(principal, siren, form.value.id, input);
    } catch (error) {
      const refused = sensorsRefusal(page.t, error, labels, {
        'frozen-duration': 'silentMinutes',
        'property-of-type': 'property',
        'threshold-numeric': 'threshold',
      });
      if (refused) return again(refused, 422);
      throw error;
    }
    return page.redirect(withQuery(backOfficePaths.sensorRules, { avis: 'enregistree' }));
  },
  { signedIn: 'agent' },
);
