// GET /consultations/{consultationId}/propositions/{proposalId}/signaler
import { pageHandler } from '../../shared/portal/page-http';
import { flagPage } from '../../shared/portal/pages/proposal-flag-page';
import { loadFlagTarget } from '../../shared/portal/participation-pages-app';
import { participationPageRoutes } from '../../shared/portal/participation-pages-routes';

export const handler = pageHandler(
  participationPageRoutes.getProposalFlagPage,
  async ({ params, query }, page) =>
    page.render(flagPage(page.t, await loadFlagTarget(params.consultationId, params.proposalId, query.commentaire))),
  { signedIn: 'citizen' },
);
