// GET /mentions-legales
import { pageHandler } from '../../shared/portal/page-http';
import { legalNoticePage } from '../../shared/portal/pages/static-pages';
import { shellPageRoutes } from '../../shared/portal/shell-pages-routes';
import { publisherName } from '../../shared/portal/static-pages-app';

export const handler = pageHandler(shellPageRoutes.getLegalNoticePage, async (_request, page) =>
  page.render(legalNoticePage(page.t, { publisher: await publisherName(), site: page.origin })),
);
