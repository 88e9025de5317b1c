// POST /deconnexion
import { pageHandler } from '../../shared/portal/page-http';
import { portalPaths } from '../../shared/portal/portal-paths';
import { portalRoutes } from '../../shared/portal/portal-routes';

export const handler = pageHandler(portalRoutes.signOut, async (_request, page) => {
  page.signOut();
  return page.redirect(portalPaths.home);
});
