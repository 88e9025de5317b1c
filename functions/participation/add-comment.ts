// POST /territories/{siren}/consultations/{consultationId}/proposals/{proposalId}/comments
import { participation } from '../../shared/participation/participation-app';
import { participationRoutes } from '../../shared/participation/participation-routes';
import { commentView } from '../../shared/participation/participation-views';
import { created, httpHandler } from '../../shared/runtime/http';

export const handler = httpHandler(participationRoutes.addComment, async ({ params, body, principal }) => {
  const { siren, consultationId, proposalId } = params;
  const comment = await participation.addComment(principal, siren, consultationId, proposalId, body);
  return created(
    commentView(comment),
    `/territories/${siren}/consultations/${consultationId}/proposals/${proposalId}/comments/${comment.id}`,
  );
});
