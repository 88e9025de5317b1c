// GET /mes-donnees
import { pageHandler } from '../../shared/portal/page-http';
import { myDataPage } from '../../shared/portal/pages/my-data-page';
import { privacyPageRoutes } from '../../shared/portal/privacy-pages-routes';
import { erasure } from '../../shared/privacy/privacy-app';

export const handler = pageHandler(
  privacyPageRoutes.getMyDataPage,
  async ({ query }, page) => {
    const request = await erasure.erasureStatus(page.principal!);
    return page.render(
      myDataPage(page.t, { ...(request ? { request } : {}), ...(query.avis ? { notice: query.avis } : {}) }),
    );
  },
  { signedIn: 'citizen' },
);
