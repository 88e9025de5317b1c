// GET /accessibilite
import { pageHandler } from '../../shared/portal/page-http';
import { accessibilityPage } from '../../shared/portal/pages/static-pages';
import { portalRoutes } from '../../shared/portal/portal-routes';
import { publisherName } from '../../shared/portal/static-pages-app';

export const handler = pageHandler(portalRoutes.getAccessibilityPage, async (_request, page) =>
  page.render(accessibilityPage(page.t, { publisher: await publisherName(), site: page.origin })),
);
