// GET /agents/signalements
import { loadInbox } from '../../shared/portal/back-office-reports-app';
import { pageHandler } from '../../shared/portal/page-http';
import { backOfficeInboxPage } from '../../shared/portal/pages/back-office-reports-inbox-page';
import { backOfficeReportsPageRoutes } from '../../shared/portal/back-office-reports-pages-routes';

export const handler = pageHandler(
  backOfficeReportsPageRoutes.getBackOfficeInboxPage,
  async ({ query }, page) => page.render(backOfficeInboxPage(page.t, await loadInbox(page.principal!, query))),
  { signedIn: 'agent' },
);
