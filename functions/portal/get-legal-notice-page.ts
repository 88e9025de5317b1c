// GET /mentions-legales
import { pageHandler } from '../../shared/portal/page-http';
import { legalNoticePage } from '../../shared/portal/pages/static-pages';
import { portalRoutes } from '../../shared/portal/portal-routes';
import { publisherName } from '../../shared/portal/static-pages-app';

export const handler = pageHandler(portalRoutes.getLegalNoticePage, async (_request, page) =>
  page.render(legalNoticePage(page.t, { publisher: await publisherName(), site: page.origin })),
);
