// GET /accessibilite
import { pageHandler } from '../../shared/portal/page-http';
import { accessibilityPage } from '../../shared/portal/pages/static-pages';
import { shellPageRoutes } from '../../shared/portal/shell-pages-routes';
import { publisherName } from '../../shared/portal/static-pages-app';

export const handler = pageHandler(shellPageRoutes.getAccessibilityPage, async (_request, page) =>
  page.render(accessibilityPage(page.t, { publisher: await publisherName(), site: page.origin })),
);
