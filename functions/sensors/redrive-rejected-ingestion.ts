// POST /territories/{siren}/sensor-ingestion/rejects/{rejectId}/redrive
import { httpHandler } from '../../shared/runtime/http';
import { ingestion } from '../../shared/sensors/sensors-app';
import { sensorRoutes } from '../../shared/sensors/sensors-routes';

export const handler = httpHandler(sensorRoutes.redriveRejectedIngestion, async ({ params, principal }) => ({
  status: 202 as const,
  body: await ingestion.redriveRejected(principal, params.siren, params.rejectId),
}));
