// POST /signaler
import { pageHandler } from '../../shared/portal/page-http';
import { reportFormPage, reportNearbyPage } from '../../shared/portal/pages/report-form-page';
import { portalPaths } from '../../shared/portal/portal-paths';
import { reportPageRoutes } from '../../shared/portal/report-page-routes';
import { submitReportForm } from '../../shared/portal/reports-pages-app';

export const handler = pageHandler(reportPageRoutes.submitReportProblem, async ({ body }, page) => {
  const outcome = await submitReportForm(page.t, page.principal, body);
  switch (outcome.kind) {
    case 'filed':
      return page.redirect(portalPaths.reportFiled(outcome.reportId));
    case 'nearby':
      return page.render(reportNearbyPage(page.t, outcome.view, outcome.category, outcome.nearby));
    case 'edit':
      return page.render(reportFormPage(page.t, outcome.view));
    case 'refused':
      return page.render(reportFormPage(page.t, outcome.view, outcome.errors), outcome.status);
  }
});
