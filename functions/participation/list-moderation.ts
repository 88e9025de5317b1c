// GET /territories/{siren}/consultations/{consultationId}/moderation
import { participation } from '../../shared/participation/participation-app';
import { participationRoutes } from '../../shared/participation/participation-routes';
import { moderationEntryView } from '../../shared/participation/participation-views';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(participationRoutes.listModeration, async ({ params, query, principal }) => {
  const { status, ...page } = query;
  const { items, cursor } = await participation.listModeration(
    principal,
    params.siren,
    params.consultationId,
    status,
    page,
  );
  return ok({ items: items.map(moderationEntryView), cursor });
});
