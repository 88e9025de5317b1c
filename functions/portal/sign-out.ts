// POST /deconnexion
import { pageHandler } from '../../shared/portal/page-http';
import { portalPaths } from '../../shared/portal/portal-paths';
import { shellPageRoutes } from '../../shared/portal/shell-pages-routes';

export const handler = pageHandler(shellPageRoutes.signOut, async (_request, page) => {
  page.signOut();
  return page.redirect(portalPaths.home);
});
