// GET /territories/{siren}/consultations/{consultationId}/results
import { participation } from '../../shared/participation/participation-app';
import { participationRoutes } from '../../shared/participation/participation-routes';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(participationRoutes.getConsultationResults, async ({ params, principal }) =>
  ok(await participation.getResults(principal, params.siren, params.consultationId)),
);
