// GET /territories/{siren}/body-contacts
import { httpHandler, ok } from '../../shared/runtime/http';
import { territory } from '../../shared/territory/territory-app';
import { territoryRoutes } from '../../shared/territory/territory-routes';

export const handler = httpHandler(territoryRoutes.listBodyContacts, async ({ params, principal }) =>
  ok({ items: await territory.listBodyContacts(principal, params.siren) }),
);
