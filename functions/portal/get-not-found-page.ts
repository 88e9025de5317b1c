// GET /{path+}: any path no other route declares
import { NotFoundError } from '../../shared/kernel/errors';
import { pageHandler } from '../../shared/portal/page-http';
import { shellPageRoutes } from '../../shared/portal/shell-pages-routes';

export const handler = pageHandler(shellPageRoutes.getNotFoundPage, async ({ path }) => {
  // The error page (page-http.ts) says it in French, with the way back home.
  throw new NotFoundError(`No page at ${path}`);
});
