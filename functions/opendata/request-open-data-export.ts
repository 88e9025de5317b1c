// POST /territories/{siren}/open-data/exports
import { openDataExports } from '../../shared/opendata/opendata-app';
import { openDataRoutes } from '../../shared/opendata/opendata-routes';
import { httpHandler } from '../../shared/runtime/http';

export const handler = httpHandler(openDataRoutes.requestOpenDataExport, async ({ params, principal }) => {
  const run = await openDataExports.requestExport(principal, params.siren);
  return {
    status: 202 as const,
    body: run,
    headers: { Location: `/territories/${params.siren}/open-data/exports/${run.id}` },
  };
});
