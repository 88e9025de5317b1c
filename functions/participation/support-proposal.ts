// PUT /territories/{siren}/consultations/{consultationId}/proposals/{proposalId}/support
import { participation } from '../../shared/participation/participation-app';
import { participationRoutes } from '../../shared/participation/participation-routes';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(participationRoutes.supportProposal, async ({ params, principal }) =>
  ok(await participation.support(principal, params.siren, params.consultationId, params.proposalId)),
);
