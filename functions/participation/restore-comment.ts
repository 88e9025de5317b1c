// DELETE /territories/{siren}/consultations/{consultationId}/proposals/{proposalId}/comments/{commentId}/hidden
import { participation } from '../../shared/participation/participation-app';
import { participationRoutes } from '../../shared/participation/participation-routes';
import { httpHandler, noContent } from '../../shared/runtime/http';

export const handler = httpHandler(participationRoutes.restoreComment, async ({ params, principal }) => {
  const target = { kind: 'comment' as const, proposalId: params.proposalId, commentId: params.commentId };
  await participation.moderate(principal, params.siren, params.consultationId, target, null);
  return noContent();
});
