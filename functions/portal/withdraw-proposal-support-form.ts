// POST /consultations/{consultationId}/propositions/{proposalId}/soutien/retrait
import { portalRoutes } from '../../shared/portal/portal-routes';
import { supportFormHandler } from '../../shared/portal/proposal-support-http';

export const handler = supportFormHandler(portalRoutes.withdrawProposalSupportForm, {
  act: (use, principal, siren, id, proposalId) => use.withdrawSupport(principal, siren, id, proposalId),
  notice: 'retiree',
  form: 'withdraw',
});
