// POST /mes-donnees/effacement
import * as z from 'zod';
import { pageHandler } from '../../shared/portal/page-http';
import { myDataPage } from '../../shared/portal/pages/my-data-page';
import { portalPaths } from '../../shared/portal/portal-paths';
import { privacyPageRoutes } from '../../shared/portal/privacy-pages-routes';
import { erasure } from '../../shared/privacy/privacy-app';

// An erasure cannot be undone: the box must be ticked (its label says what is asked).
const Confirmed = z.object({ confirmation: z.array(z.literal('oui')).min(1) });

export const handler = pageHandler(
  privacyPageRoutes.requestMyDataErasure,
  async (_request, page) => {
    const form = page.readForm(Confirmed, { confirmation: page.t.privacyPages.erase.confirm });
    if (!form.ok) {
      const errors = { ...form.errors, fields: { confirmation: page.t.privacyPages.erase.confirmRequired } };
      const request = await erasure.erasureStatus(page.principal!);
      return page.render(myDataPage(page.t, { errors, ...(request ? { request } : {}) }), 400);
    }
    await erasure.requestErasure(page.principal!);
    return page.redirect(`${portalPaths.myData}?avis=effacement`);
  },
  { signedIn: 'citizen' },
);
