// PUT /territories/{siren}/consultations/{consultationId}/proposals/{proposalId}/comments/{commentId}/hidden
import { participation } from '../../shared/participation/participation-app';
import { participationRoutes } from '../../shared/participation/participation-routes';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(participationRoutes.hideComment, async ({ params, body, principal }) => {
  const target = { kind: 'comment' as const, proposalId: params.proposalId, commentId: params.commentId };
  return ok(await participation.moderate(principal, params.siren, params.consultationId, target, body.reason));
});
