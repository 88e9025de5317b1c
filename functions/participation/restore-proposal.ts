// DELETE /territories/{siren}/consultations/{consultationId}/proposals/{proposalId}/hidden
import { participation } from '../../shared/participation/participation-app';
import { participationRoutes } from '../../shared/participation/participation-routes';
import { httpHandler, noContent } from '../../shared/runtime/http';

export const handler = httpHandler(participationRoutes.restoreProposal, async ({ params, principal }) => {
  const target = { kind: 'proposal' as const, proposalId: params.proposalId };
  await participation.moderate(principal, params.siren, params.consultationId, target, null);
  return noContent();
});
