// POST /consultations/{consultationId}/propositions/{proposalId}/soutien
import { pageHandler } from '../../shared/portal/page-http';
import { proposalPage } from '../../shared/portal/pages/proposal-page';
import {
  loadConsultation,
  loadProposalView,
  participation,
  refusalOf,
} from '../../shared/portal/participation-pages-app';
import { portalPaths } from '../../shared/portal/portal-paths';
import { portalRoutes } from '../../shared/portal/portal-routes';

export const handler = pageHandler(
  portalRoutes.supportProposalForm,
  async ({ params }, page) => {
    const { consultationId: id, proposalId } = params;
    const loaded = await loadConsultation(page.t, id);
    try {
      await participation.support(page.principal!, loaded.siren, id, proposalId);
      return page.redirect(`${portalPaths.proposal(id, proposalId)}?avis=soutenue#soutenir`);
    } catch (error) {
      const refused = refusalOf(page.t, error, loaded.ruleContext);
      if (!refused) throw error;
      const view = await loadProposalView(id, proposalId, page.principal, {});
      return page.render(proposalPage(page.t, { ...view, refused: { form: 'support', errors: refused } }), 422);
    }
  },
  { signedIn: 'citizen' },
);
