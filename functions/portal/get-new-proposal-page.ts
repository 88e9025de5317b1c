// GET /consultations/{consultationId}/proposer
import { pageHandler } from '../../shared/portal/page-http';
import { proposalFormPage } from '../../shared/portal/pages/proposal-form-page';
import { loadConsultation, profileName } from '../../shared/portal/participation-pages-app';
import { participationPageRoutes } from '../../shared/portal/participation-pages-routes';

export const handler = pageHandler(
  participationPageRoutes.getNewProposalPage,
  async ({ params }, page) => {
    const { siren, summary } = await loadConsultation(page.t, params.consultationId);
    const displayName = await profileName(page.principal, siren);
    return page.render(
      proposalFormPage(page.t, { consultation: summary, ...(displayName ? { values: { displayName } } : {}) }),
    );
  },
  { signedIn: 'citizen' },
);
