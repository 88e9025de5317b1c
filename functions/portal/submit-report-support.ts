// POST /signalements/{reportId}/soutien
import { pageHandler } from '../../shared/portal/page-http';
import { portalPaths } from '../../shared/portal/portal-paths';
import { reportPageRoutes } from '../../shared/portal/report-page-routes';
import { supportFromPage } from '../../shared/portal/reports-pages-app';

export const handler = pageHandler(reportPageRoutes.submitReportSupport, async ({ params }, page) => {
  const reportPath = portalPaths.report(params.reportId);
  // An anonymous visitor signs in first, then supports from the report's page.
  if (!page.principal) return page.redirect(portalPaths.signIn(reportPath));
  const outcome = await supportFromPage(page.principal, params.reportId);
  return page.redirect(`${reportPath}?soutien=${outcome}`);
});
