// POST /consultations/{consultationId}/propositions/{proposalId}/soutien
import { portalRoutes } from '../../shared/portal/portal-routes';
import { supportFormHandler } from '../../shared/portal/proposal-support-http';

export const handler = supportFormHandler(portalRoutes.supportProposalForm, {
  act: (use, principal, siren, id, proposalId) => use.support(principal, siren, id, proposalId),
  notice: 'soutenue',
  form: 'support',
});
