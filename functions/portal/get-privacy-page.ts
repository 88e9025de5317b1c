// GET /donnees-personnelles
import { pageHandler } from '../../shared/portal/page-http';
import { privacyPage } from '../../shared/portal/pages/static-pages';
import { portalRoutes } from '../../shared/portal/portal-routes';
import { publisherName } from '../../shared/portal/static-pages-app';

export const handler = pageHandler(portalRoutes.getPrivacyPage, async (_request, page) =>
  page.render(privacyPage(page.t, { publisher: await publisherName(), site: page.origin })),
);
