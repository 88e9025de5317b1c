// GET /territories/{siren}/open311/settings
import { open311Clients } from '../../shared/open311/open311-app';
import { open311Routes } from '../../shared/open311/open311-routes';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(open311Routes.getOpen311Settings, async ({ params, principal }) =>
  ok(await open311Clients.getSettings(principal, params.siren)),
);
