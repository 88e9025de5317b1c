// GET /territories/{siren}/consultations/{consultationId}/proposals
import { participation } from '../../shared/participation/participation-app';
import { participationRoutes } from '../../shared/participation/participation-routes';
import { proposalView } from '../../shared/participation/participation-views';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(participationRoutes.listProposals, async ({ params, query, principal }) => {
  const { order, ...page } = query;
  const result = await participation.listProposals(principal, params.siren, params.consultationId, order, page);
  return ok({ ...result, items: result.items.map((p) => proposalView(p)) });
});
