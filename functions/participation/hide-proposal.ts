// PUT /territories/{siren}/consultations/{consultationId}/proposals/{proposalId}/hidden
import { participation } from '../../shared/participation/participation-app';
import { participationRoutes } from '../../shared/participation/participation-routes';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(participationRoutes.hideProposal, async ({ params, body, principal }) => {
  const target = { kind: 'proposal' as const, proposalId: params.proposalId };
  return ok(await participation.moderate(principal, params.siren, params.consultationId, target, body.reason));
});
