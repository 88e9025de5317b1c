// GET /territories/{siren}/consultations/{consultationId}/proposals/{proposalId}/comments
import { participation } from '../../shared/participation/participation-app';
import { participationRoutes } from '../../shared/participation/participation-routes';
import { commentView } from '../../shared/participation/participation-views';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(participationRoutes.listComments, async ({ params, query }) => {
  const { items, cursor } = await participation.listComments(
    params.siren,
    params.consultationId,
    params.proposalId,
    query,
  );
  return ok({ items: items.map(commentView), cursor });
});
