// POST /territories/{siren}/consultations
import { createConsultation } from '../../shared/participation/create-consultation-app';
import { participationRoutes } from '../../shared/participation/participation-routes';
import { consultationView } from '../../shared/participation/participation-views';
import { created, httpHandler } from '../../shared/runtime/http';

export const handler = httpHandler(participationRoutes.createConsultation, async ({ params, body, principal }) => {
  const consultation = await createConsultation(principal, params.siren, body);
  return created(consultationView(consultation), `/territories/${params.siren}/consultations/${consultation.id}`);
});
