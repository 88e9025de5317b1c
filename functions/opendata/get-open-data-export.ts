// GET /territories/{siren}/open-data/exports/{exportId}
import { openDataExports } from '../../shared/opendata/opendata-app';
import { openDataRoutes } from '../../shared/opendata/opendata-routes';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(openDataRoutes.getOpenDataExport, async ({ params, principal }) =>
  ok(await openDataExports.getExport(principal, params.siren, params.exportId)),
);
