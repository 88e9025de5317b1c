// GET /territories/{siren}/participation-profile
import { participation } from '../../shared/participation/participation-app';
import { participationRoutes } from '../../shared/participation/participation-routes';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(participationRoutes.getParticipationProfile, async ({ params, principal }) =>
  ok(await participation.getProfile(principal, params.siren)),
);
