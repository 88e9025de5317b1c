// DELETE /territories/{siren}/consultations/{consultationId}/projects/{projectId}
import { participation } from '../../shared/participation/participation-app';
import { participationRoutes } from '../../shared/participation/participation-routes';
import { httpHandler, noContent } from '../../shared/runtime/http';

export const handler = httpHandler(participationRoutes.deleteProject, async ({ params, principal }) => {
  await participation.deleteProject(principal, params.siren, params.consultationId, params.projectId);
  return noContent();
});
