// GET /territories/{siren}/consultations/{consultationId}/proposals/{proposalId}
import { participation } from '../../shared/participation/participation-app';
import { participationRoutes } from '../../shared/participation/participation-routes';
import { proposalView } from '../../shared/participation/participation-views';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(participationRoutes.getProposal, async ({ params, principal }) => {
  const { proposal, ...viewer } = await participation.getProposal(
    principal,
    params.siren,
    params.consultationId,
    params.proposalId,
  );
  return ok(proposalView(proposal, viewer));
});
