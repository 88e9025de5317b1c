// POST /territories/{siren}/consultations/{consultationId}/proposals
import { participation } from '../../shared/participation/participation-app';
import { participationRoutes } from '../../shared/participation/participation-routes';
import { proposalView } from '../../shared/participation/participation-views';
import { created, httpHandler } from '../../shared/runtime/http';

export const handler = httpHandler(participationRoutes.submitProposal, async ({ params, body, principal }) => {
  const proposal = await participation.submitProposal(principal, params.siren, params.consultationId, body);
  return created(
    proposalView(proposal),
    `/territories/${params.siren}/consultations/${params.consultationId}/proposals/${proposal.id}`,
  );
});
