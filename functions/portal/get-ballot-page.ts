// GET /consultations/{consultationId}/vote
import { pageHandler } from '../../shared/portal/page-http';
import { ballotPage } from '../../shared/portal/pages/budget-ballot-page';
import { loadBallotView } from '../../shared/portal/participation-pages-app';
import { participationPageRoutes } from '../../shared/portal/participation-pages-routes';

export const handler = pageHandler(participationPageRoutes.getBallotPage, async ({ params, query }, page) => {
  const view = await loadBallotView(params.consultationId, page.principal);
  return page.render(ballotPage(page.t, { ...view, ...(query.avis ? { notice: query.avis } : {}) }));
});
