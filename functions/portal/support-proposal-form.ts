// POST /consultations/{consultationId}/propositions/{proposalId}/soutien
import { participationPageRoutes } from '../../shared/portal/participation-pages-routes';
import { supportFormHandler } from '../../shared/portal/proposal-support-http';

export const handler = supportFormHandler(participationPageRoutes.supportProposalForm, {
  act: (use, principal, siren, id, proposalId) => use.support(principal, siren, id, proposalId),
  notice: 'soutenue',
  form: 'support',
});
