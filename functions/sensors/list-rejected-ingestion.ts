// GET /territories/{siren}/sensor-ingestion/rejects
import { httpHandler, ok } from '../../shared/runtime/http';
import { ingestion } from '../../shared/sensors/sensors-app';
import { sensorRoutes } from '../../shared/sensors/sensors-routes';

export const handler = httpHandler(sensorRoutes.listRejectedIngestion, async ({ params, query, principal }) =>
  ok(await ingestion.listRejected(principal, params.siren, query)),
);
