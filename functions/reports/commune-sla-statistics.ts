// GET /territories/{siren}/communes/{insee}/sla-statistics
import { sla } from '../../shared/reports/reports-app';
import { reportRoutes } from '../../shared/reports/report-routes';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(reportRoutes.communeSlaStatistics, async ({ params, query }) =>
  ok(await sla.statistics(params.siren, params.insee, query)),
);
