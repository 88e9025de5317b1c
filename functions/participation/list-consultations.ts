// GET /territories/{siren}/consultations
import { participation } from '../../shared/participation/participation-app';
import { participationRoutes } from '../../shared/participation/participation-routes';
import { consultationView } from '../../shared/participation/participation-views';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(participationRoutes.listConsultations, async ({ params, query }) => {
  const { items, cursor } = await participation.listConsultations(params.siren, query);
  return ok({ items: items.map((c) => consultationView(c)), cursor });
});
