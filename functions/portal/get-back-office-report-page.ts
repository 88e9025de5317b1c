// GET /agents/signalements/{reportId}
import { loadReportDetail } from '../../shared/portal/back-office-reports-app';
import { pageHandler } from '../../shared/portal/page-http';
import { backOfficeReportPage } from '../../shared/portal/pages/back-office-reports-report-page';
import { backOfficeReportsPageRoutes } from '../../shared/portal/back-office-reports-pages-routes';

export const handler = pageHandler(
  backOfficeReportsPageRoutes.getBackOfficeReportPage,
  async ({ params, query }, page) =>
    // Another commune's report: the use case refuses (403 page in words).
    page.render(
      backOfficeReportPage(page.t, await loadReportDetail(page.principal!, params.reportId), {
        ...(query.avis ? { notice: query.avis } : {}),
        ...(query.saisi ? { filed: true } : {}),
      }),
    ),
  { signedIn: 'agent' },
);
