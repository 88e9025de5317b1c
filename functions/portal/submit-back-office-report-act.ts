// POST /agents/signalements/{reportId}
import { loadReportDetail, submitAct } from '../../shared/portal/back-office-reports-app';
import { backOfficePaths, withQuery } from '../../shared/portal/back-office-paths';
import { pageHandler } from '../../shared/portal/page-http';
import { backOfficeReportPage } from '../../shared/portal/pages/back-office-reports-report-page';
import { backOfficeReportsPageRoutes } from '../../shared/portal/back-office-reports-pages-routes';

const sent = (body: Readonly<Record<string, unknown>>) =>
  Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));

export const handler = pageHandler(
  backOfficeReportsPageRoutes.submitBackOfficeReportAct,
  async ({ params, body }, page) => {
    const principal = page.principal!;
    const outcome = await submitAct(page.t, principal, params.reportId, body, (schema, labels) =>
      page.readForm(schema, labels),
    );
    if (outcome.kind === 'done') {
      return page.redirect(withQuery(backOfficePaths.report(params.reportId), { avis: outcome.notice }));
    }
    // Refused or stale: the report as it is now, with what refused it (nothing was written).
    const view = await loadReportDetail(principal, params.reportId);
    if (outcome.kind === 'stale') return page.render(backOfficeReportPage(page.t, view, { stale: true }), 422);
    return page.render(
      backOfficeReportPage(page.t, view, {
        refused: { act: outcome.act, errors: outcome.errors, values: sent(body) },
      }),
      outcome.status,
    );
  },
  { signedIn: 'agent' },
);
