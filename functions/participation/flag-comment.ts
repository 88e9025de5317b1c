// POST /territories/{siren}/consultations/{consultationId}/proposals/{proposalId}/comments/{commentId}/flags
import { participation } from '../../shared/participation/participation-app';
import { participationRoutes } from '../../shared/participation/participation-routes';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(participationRoutes.flagComment, async ({ params, body, principal }) => {
  const target = { kind: 'comment' as const, proposalId: params.proposalId, commentId: params.commentId };
  return ok(await participation.flag(principal, params.siren, params.consultationId, target, body.reason));
});
