// PATCH /territories/{siren}/consultations/{consultationId}
import { participation } from '../../shared/participation/participation-app';
import { participationRoutes } from '../../shared/participation/participation-routes';
import { consultationView } from '../../shared/participation/participation-views';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(participationRoutes.editConsultation, async ({ params, body, principal }) =>
  ok(consultationView(await participation.editConsultation(principal, params.siren, params.consultationId, body))),
);
