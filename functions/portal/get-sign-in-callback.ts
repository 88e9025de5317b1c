// GET /connexion/retour
import { pageHandler } from '../../shared/portal/page-http';
import { shellPageRoutes } from '../../shared/portal/shell-pages-routes';
import { completeSignIn } from '../../shared/portal/sign-in-http';

export const handler = pageHandler(shellPageRoutes.getSignInCallback, async ({ query, cookies }, page) =>
  completeSignIn(page, cookies, query),
);
