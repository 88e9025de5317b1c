// GET /agents/signalements
import { loadInbox } from '../../shared/portal/back-office-reports-app';
import { pageHandler } from '../../shared/portal/page-http';
import { backOfficeInboxPage } from '../../shared/portal/pages/back-office-reports-inbox-page';
import { portalRoutes } from '../../shared/portal/portal-routes';

export const handler = pageHandler(
  portalRoutes.getBackOfficeInboxPage,
  async ({ query }, page) => page.render(backOfficeInboxPage(page.t, await loadInbox(page.principal!, query))),
  { signedIn: 'agent' },
);
