// POST /agents/signalements/nouveau
import { fileOnBehalf, onBehalfLabels, OnBehalfFields } from '../../shared/portal/back-office-reports-app';
import { backOfficePaths, withQuery } from '../../shared/portal/back-office-paths';
import { pageHandler } from '../../shared/portal/page-http';
import { portalPaths } from '../../shared/portal/portal-paths';
import { backOfficeFilePage } from '../../shared/portal/pages/back-office-reports-file-page';
import { backOfficeReportsPageRoutes } from '../../shared/portal/back-office-reports-pages-routes';
import { formValuesOf } from '../../shared/portal/report-form';
import { loadReportForm, submitReportForm } from '../../shared/portal/reports-pages-app';
import { canView, type Report } from '../../shared/reports/report';

export const handler = pageHandler(
  backOfficeReportsPageRoutes.submitBackOfficeFileReport,
  async ({ body }, page) => {
    // The channel and the caller's contact first: the report form's own checks follow.
    const extra = page.readForm(OnBehalfFields, onBehalfLabels(page.t));
    if (!extra.ok) {
      const values = formValuesOf(body);
      const category = typeof values.category === 'string' ? values.category : undefined;
      return page.render(backOfficeFilePage(page.t, await loadReportForm(category, values), extra.errors), 400);
    }
    let filed: Report | undefined;
    const outcome = await submitReportForm(page.t, page.principal, body, {
      file: async (siren, input) => (filed = await fileOnBehalf(page.principal!, extra.value)(siren, input)),
      nearby: false,
    });
    switch (outcome.kind) {
      case 'filed':
        // Filed where another commune handles it: its agents' page is not this agent's, the confirmation is.
        return page.redirect(
          filed && canView(page.principal, filed)
            ? withQuery(backOfficePaths.report(outcome.reportId), { saisi: 'oui' })
            : portalPaths.reportFiled(outcome.reportId),
        );
      case 'refused':
        return page.render(backOfficeFilePage(page.t, outcome.view, outcome.errors), outcome.status);
      default:
        return page.render(backOfficeFilePage(page.t, outcome.view));
    }
  },
  { signedIn: 'agent' },
);
