// GET /agents/territoire/journal
import { readForm } from '../../shared/portal/form-errors';
import {
  administeredTerritory,
  AuditFilterForm,
  auditFilterLabels,
  auditFilterOf,
  loadAuditLog,
  sentValues,
} from '../../shared/portal/back-office-territory-app';
import { pageHandler } from '../../shared/portal/page-http';
import { auditLogPage } from '../../shared/portal/pages/back-office-territory-audit';
import { backOfficeTerritoryPageRoutes } from '../../shared/portal/back-office-territory-pages-routes';

export const handler = pageHandler(
  backOfficeTerritoryPageRoutes.getBackOfficeTerritoryAuditPage,
  async ({ query }, page) => {
    administeredTerritory(page.principal!);
    const { suite, ...filters } = query;
    const values = sentValues(filters);
    // The filters are a form: a wrong one is said next to its field, the log is not read.
    const form = readForm(page.t, AuditFilterForm, values, auditFilterLabels(page.t));
    if (!form.ok) return page.render(auditLogPage(page.t, undefined, values, form.errors), 400);
    const view = await loadAuditLog(page.principal!, auditFilterOf(form.value), suite);
    return page.render(auditLogPage(page.t, view, values));
  },
  { signedIn: 'agent' },
);
