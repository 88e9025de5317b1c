// PUT /territories/{siren}/open311/settings
import { open311Clients } from '../../shared/open311/open311-app';
import { open311Routes } from '../../shared/open311/open311-routes';
import { httpHandler, ok } from '../../shared/runtime/http';

export const handler = httpHandler(open311Routes.setOpen311Settings, async ({ params, body, principal }) =>
  ok(await open311Clients.setSettings(principal, params.siren, body)),
);
