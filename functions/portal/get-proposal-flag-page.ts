// GET /consultations/{consultationId}/propositions/{proposalId}/signaler
import { pageHandler } from '../../shared/portal/page-http';
import { flagPage } from '../../shared/portal/pages/proposal-flag-page';
import { loadFlagTarget } from '../../shared/portal/participation-pages-app';
import { portalRoutes } from '../../shared/portal/portal-routes';

export const handler = pageHandler(
  portalRoutes.getProposalFlagPage,
  async ({ params, query }, page) =>
    page.render(flagPage(page.t, await loadFlagTarget(params.consultationId, params.proposalId, query.commentaire))),
  { signedIn: 'citizen' },
);
