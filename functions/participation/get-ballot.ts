// GET /territories/{siren}/consultations/{consultationId}/ballot
import { participation } from '../../shared/participation/participation-app';
import { participationRoutes } from '../../shared/participation/participation-routes';
import { ballotView } from '../../shared/participation/participation-views';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(participationRoutes.getBallot, async ({ params, principal }) =>
  ok(ballotView(await participation.getBallot(principal, params.siren, params.consultationId))),
);
