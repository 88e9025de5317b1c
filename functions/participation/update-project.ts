// PUT /territories/{siren}/consultations/{consultationId}/projects/{projectId}
import { participation } from '../../shared/participation/participation-app';
import { participationRoutes } from '../../shared/participation/participation-routes';
import { projectView } from '../../shared/participation/participation-views';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(participationRoutes.updateProject, async ({ params, body, principal }) => {
  const input = { ...body, projectId: params.projectId };
  return ok(projectView(await participation.saveProject(principal, params.siren, params.consultationId, input)));
});
