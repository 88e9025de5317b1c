// GET /consultations/{consultationId}/propositions/{proposalId}
import { pageHandler } from '../../shared/portal/page-http';
import { proposalPage } from '../../shared/portal/pages/proposal-page';
import { loadProposalView } from '../../shared/portal/participation-pages-app';
import { participationPageRoutes } from '../../shared/portal/participation-pages-routes';

export const handler = pageHandler(participationPageRoutes.getProposalPage, async ({ params, query }, page) => {
  const view = await loadProposalView(params.consultationId, params.proposalId, page.principal, query);
  return page.render(proposalPage(page.t, { ...view, ...(query.avis ? { notice: query.avis } : {}) }));
});
