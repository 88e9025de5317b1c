// GET /territories/{siren}/consultations/{consultationId}/projects
import { participation } from '../../shared/participation/participation-app';
import { participationRoutes } from '../../shared/participation/participation-routes';
import { projectView } from '../../shared/participation/participation-views';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(participationRoutes.listProjects, async ({ params }) =>
  ok({ items: (await participation.listProjects(params.siren, params.consultationId)).map(projectView) }),
);
