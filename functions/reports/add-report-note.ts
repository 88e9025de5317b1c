// POST /territories/{siren}/reports/{reportId}/notes
import { httpHandler, ok } from '../../shared/runtime/http';
import { reports } from '../../shared/reports/reports-app';
import { versionRead } from '../../shared/reports/report-http';
import { reportRoutes } from '../../shared/reports/report-routes';
import { agentView, etagOf } from '../../shared/reports/report-views';

export const handler = httpHandler(reportRoutes.addReportNote, async ({ params, body, principal, headers }) => {
  const version = versionRead(headers, body.version);
  const report = await reports.addNote(principal, params.siren, params.reportId, {
    version,
    internalNote: body.internalNote,
  });
  return { ...ok(agentView(report)), headers: { ETag: etagOf(report) } };
});
