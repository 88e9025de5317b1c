// GET /{path+}: any path no other route declares
import { NotFoundError } from '../../shared/kernel/errors';
import { pageHandler } from '../../shared/portal/page-http';
import { portalRoutes } from '../../shared/portal/portal-routes';

export const handler = pageHandler(portalRoutes.getNotFoundPage, async ({ path }) => {
  // The error page (page-http.ts) says it in French, with the way back home.
  throw new NotFoundError(`No page at ${path}`);
});
