// GET /territories/{siren}/open311/clients
import { open311Clients } from '../../shared/open311/open311-app';
import { open311Routes } from '../../shared/open311/open311-routes';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(open311Routes.listOpen311Clients, async ({ params, principal }) =>
  ok({ items: await open311Clients.listClients(principal, params.siren) }),
);
