// PUT /territories/{siren}/participation-profile
import { participation } from '../../shared/participation/participation-app';
import { participationRoutes } from '../../shared/participation/participation-routes';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(participationRoutes.saveParticipationProfile, async ({ params, body, principal }) =>
  ok(await participation.saveProfile(principal, params.siren, body)),
);
