// GET /agents/capteurs/regles
import { NotFoundError } from '../../shared/kernel/errors';
import { isAdmin, loadRules, ruleValues } from '../../shared/portal/back-office-sensors-app';
import { pageHandler } from '../../shared/portal/page-http';
import { sensorRulesPage } from '../../shared/portal/pages/back-office-sensors-pages';
import { backOfficeSensorsPageRoutes } from '../../shared/portal/back-office-sensors-pages-routes';

export const handler = pageHandler(
  backOfficeSensorsPageRoutes.getBackOfficeSensorRulesPage,
  async ({ query }, page) => {
    const rules = await loadRules(page.principal!);
    const editing = query.regle ? rules.find((rule) => rule.id === query.regle) : undefined;
    if (query.regle && !editing) throw new NotFoundError(`No alert rule ${query.regle}`);
    return page.render(
      sensorRulesPage(page.t, {
        rules,
        admin: isAdmin(page.principal!),
        ...(editing ? { editing: editing.id } : {}),
        values: editing ? ruleValues(editing) : {},
        ...(query.avis ? { notice: query.avis } : {}),
      }),
    );
  },
  { signedIn: 'agent' },
);
