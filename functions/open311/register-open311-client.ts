// POST /territories/{siren}/open311/clients
import { open311Clients } from '../../shared/open311/open311-app';
import { open311Routes } from '../../shared/open311/open311-routes';
import { created, httpHandler } from '../../shared/runtime/http';

export const handler = httpHandler(open311Routes.registerOpen311Client, async ({ params, body, principal }) => {
  const registered = await open311Clients.registerClient(principal, params.siren, body);
  const answer = created(registered, `/territories/${params.siren}/open311/clients/${registered.id}`);
  // The key is in this answer only: no cache may keep it.
  return { ...answer, headers: { ...answer.headers, 'Cache-Control': 'no-store' } };
});
