// DELETE /territories/{siren}/open311/clients/{clientId}
import { open311Clients } from '../../shared/open311/open311-app';
import { open311Routes } from '../../shared/open311/open311-routes';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(open311Routes.revokeOpen311Client, async ({ params, principal }) =>
  ok(await open311Clients.revokeClient(principal, params.siren, params.clientId)),
);
