// GET /donnees-personnelles
import { pageHandler } from '../../shared/portal/page-http';
import { privacyPage } from '../../shared/portal/pages/static-pages';
import { shellPageRoutes } from '../../shared/portal/shell-pages-routes';
import { publisherName } from '../../shared/portal/static-pages-app';

export const handler = pageHandler(shellPageRoutes.getPrivacyPage, async (_request, page) =>
  page.render(privacyPage(page.t, { publisher: await publisherName(), site: page.origin })),
);
