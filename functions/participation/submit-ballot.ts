// PUT /territories/{siren}/consultations/{consultationId}/ballot
import { participation } from '../../shared/participation/participation-app';
import { participationRoutes } from '../../shared/participation/participation-routes';
import { ballotView } from '../../shared/participation/participation-views';
import { httpHandler, ok } from '../../shared/runtime/http';
import { count } from '../../shared/runtime/metrics';

export const handler = httpHandler(participationRoutes.submitBallot, async ({ params, body, principal }) => {
  const { siren, consultationId } = params;
  const { ballot, replaced } = await participation.submitBallot(principal, siren, consultationId, body.projectIds);
  // A voter's new ballot; a replacement changes a ballot already cast.
  if (!replaced) count('BallotsCast');
  return ok(ballotView(ballot, replaced));
});
