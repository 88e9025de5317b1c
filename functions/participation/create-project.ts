// POST /territories/{siren}/consultations/{consultationId}/projects
import { participation } from '../../shared/participation/participation-app';
import { participationRoutes } from '../../shared/participation/participation-routes';
import { projectView } from '../../shared/participation/participation-views';
import { created, httpHandler } from '../../shared/runtime/http';

export const handler = httpHandler(participationRoutes.createProject, async ({ params, body, principal }) => {
  const { siren, consultationId } = params;
  const project = await participation.saveProject(principal, siren, consultationId, body);
  return created(projectView(project), `/territories/${siren}/consultations/${consultationId}/projects/${project.id}`);
});
