// POST /territories/{siren}/consultations/{consultationId}/proposals/{proposalId}/flags
import { participation } from '../../shared/participation/participation-app';
import { participationRoutes } from '../../shared/participation/participation-routes';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(participationRoutes.flagProposal, async ({ params, body, principal }) => {
  const target = { kind: 'proposal' as const, proposalId: params.proposalId };
  return ok(await participation.flag(principal, params.siren, params.consultationId, target, body.reason));
});
