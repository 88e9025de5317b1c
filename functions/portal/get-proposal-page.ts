// GET /consultations/{consultationId}/propositions/{proposalId}
import { pageHandler } from '../../shared/portal/page-http';
import { proposalPage } from '../../shared/portal/pages/proposal-page';
import { loadProposalView } from '../../shared/portal/participation-pages-app';
import { portalRoutes } from '../../shared/portal/portal-routes';

export const handler = pageHandler(portalRoutes.getProposalPage, async ({ params, query }, page) => {
  const view = await loadProposalView(params.consultationId, params.proposalId, page.principal, query);
  return page.render(proposalPage(page.t, { ...view, ...(query.avis ? { notice: query.avis } : {}) }));
});
