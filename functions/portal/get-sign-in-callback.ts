// GET /connexion/retour
import { pageHandler } from '../../shared/portal/page-http';
import { portalRoutes } from '../../shared/portal/portal-routes';
import { completeSignIn } from '../../shared/portal/sign-in-http';

export const handler = pageHandler(portalRoutes.getSignInCallback, async ({ query, cookies }, page) =>
  completeSignIn(page, cookies, query),
);
