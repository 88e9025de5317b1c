// POST /territories/{siren}/consultations/{consultationId}/phase
import { participation } from '../../shared/participation/participation-app';
import { participationRoutes } from '../../shared/participation/participation-routes';
import { consultationView } from '../../shared/participation/participation-views';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(participationRoutes.moveConsultationPhase, async ({ params, body, principal }) =>
  ok(consultationView(await participation.movePhase(principal, params.siren, params.consultationId, body))),
);
