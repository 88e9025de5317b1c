// GET /agents/moderation
import { loadModeration } from '../../shared/portal/back-office-participation-app';
import { MODERATION_LISTS } from '../../shared/portal/back-office-participation-pages-routes';
import { pageHandler } from '../../shared/portal/page-http';
import { moderationPage } from '../../shared/portal/pages/back-office-participation-moderation-page';
import { backOfficeParticipationPageRoutes } from '../../shared/portal/back-office-participation-pages-routes';

export const handler = pageHandler(
  backOfficeParticipationPageRoutes.getBackOfficeModerationPage,
  async ({ query }, page) => {
    const view = await loadModeration(page.principal!, {
      ...(query.consultation ? { consultationId: query.consultation } : {}),
      status: MODERATION_LISTS[query.liste],
      ...(query.suite ? { cursor: query.suite } : {}),
    });
    return page.render(moderationPage(page.t, { view, ...(query.avis ? { notice: query.avis } : {}) }));
  },
  { signedIn: 'agent' },
);
