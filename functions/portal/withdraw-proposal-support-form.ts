// POST /consultations/{consultationId}/propositions/{proposalId}/soutien/retrait
import { participationPageRoutes } from '../../shared/portal/participation-pages-routes';
import { supportFormHandler } from '../../shared/portal/proposal-support-http';

export const handler = supportFormHandler(participationPageRoutes.withdrawProposalSupportForm, {
  act: (use, principal, siren, id, proposalId) => use.withdrawSupport(principal, siren, id, proposalId),
  notice: 'retiree',
  form: 'withdraw',
});
