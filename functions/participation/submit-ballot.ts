// PUT /territories/{siren}/consultations/{consultationId}/ballot
import { participation } from '../../shared/participation/participation-app';
import { participationRoutes } from '../../shared/participation/participation-routes';
import { ballotView } from '../../shared/participation/participation-views';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(participationRoutes.submitBallot, async ({ params, body, principal }) => {
  const { siren, consultationId } = params;
  const { ballot, replaced } = await participation.submitBallot(principal, siren, consultationId, body.projectIds);
  return ok(ballotView(ballot, replaced));
});
