// GET /territories/{siren}/consultations/{consultationId}
import { participation } from '../../shared/participation/participation-app';
import { participationRoutes } from '../../shared/participation/participation-routes';
import { consultationView } from '../../shared/participation/participation-views';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(participationRoutes.getConsultation, async ({ params }) => {
  const { consultation, area, counts } = await participation.getConsultation(params.siren, params.consultationId);
  return ok(consultationView(consultation, { area, counts }));
});
